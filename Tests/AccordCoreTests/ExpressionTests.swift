import Testing
@testable import AccordCore
import AccordTestSupport

enum Eval {
    /// Compiles leniently (as `accord eval` does) and evaluates.
    static func run(_ text: String, _ vars: [(String, Value)] = [], costLimit: Int = ExpressionLimits.defaultCostLimit) throws -> Value {
        let declarations = Declarations(strict: false, vars.map { ($0.0, CELType.of($0.1)) })
        let program = try Compiler.compile(SourceFile(path: "<expression>", text: text), declarations: declarations)
        return try program.evaluate(vars.map(\.1), costLimit: costLimit)
    }

    static func error(_ text: String, _ vars: [(String, Value)] = []) -> String? {
        do {
            let v = try run(text, vars)
            Issue.record("\(text) evaluated to \(v.printed)")
            return nil
        } catch let e as EvalError {
            return e.message
        } catch let e as DiagnosticList {
            return e.diagnostics.first?.message
        } catch {
            return "\(error)"
        }
    }
}

/// The CEL conformance cases of Tests/Conformance/cel, run in-process; expected values are read
/// with Accord's own parser (the print form is an expression literal).
@Suite struct CELConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let expr: String
        let bindings: [(String, String)]
        let expect: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        var result: [Case] = []
        let dir = Fixtures.conformance + "/cel"
        for file in ["basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists", "logic",
                     "macros", "macros2", "parse", "plumbing", "string", "string_ext", "timestamps"] {
            for line in Fixtures.lines(dir + "/" + file + ".jsonl") {
                guard let doc = try? JSONReader.parse(text: line).root else { continue }
                guard case .string(let expr)? = doc["expr"], case .string(let name)? = doc["name"] else { continue }
                var bindings: [(String, String)] = []
                if case .map(let m)? = doc["bindings"] {
                    for i in 0..<m.count {
                        if case .string(let k) = m.keys[i], case .string(let v) = m.values[i] { bindings.append((k, v)) }
                    }
                }
                var expect: String?
                if case .string(let e)? = doc["expect"] { expect = e }
                result.append(Case(name: file + "/" + name, expr: expr, bindings: bindings, expect: expect))
            }
        }
        return result
    }()

    @Test func allCasesAreLoaded() {
        #expect(Self.cases.count == 416, "CEL cases read from \(Fixtures.conformance)/cel")
    }

    @Test(arguments: cases)
    func caseBehavesAsSpecified(_ c: Case) throws {
        let vars = try c.bindings.map { ($0.0, try Eval.run($0.1)) }
        if let expect = c.expect {
            let got = try Eval.run(c.expr, vars)
            let want = try Eval.run(expect)
            #expect(StrictValue.same(got, want), "\(c.expr): got \(got.printed), want \(want.printed)")
        } else {
            #expect(throws: (any Error).self, "\(c.expr) must fail") { try Eval.run(c.expr, vars) }
        }
    }
}

@Suite struct ExpressionSemanticsTests {
    @Test(arguments: [
        ("1 + 2 * 3", "7"), ("(1 + 2) * 3", "9"), ("7 / 2", "3"), ("-7 % 3", "-1"), ("2.0 * 1.5", "3.0"),
        ("'a' + 'b'", "\"ab\""), ("[1] + [2]", "[1, 2]"), ("1 < 2 && 2 <= 2 && 3 > 2", "true"),
        ("1 == 1.0", "true"), ("[1, 'a'] == [1, 'a']", "true"), ("{'a': 1} == {'a': 1.0}", "true"),
        ("2 in [1, 2]", "true"), ("'k' in {'k': 1}", "true"), ("true ? 'y' : 'n'", "\"y\""),
        ("size('héllo')", "5"), ("'é'.size()", "1"), ("[1, 2, 3].filter(x, x > 1).map(x, x * 10)", "[20, 30]"),
        ("{'a': {'b': [1, 2]}}.a.b[1]", "2"), ("has({'a': 1}.a)", "true"),
        ("date('2026-03-18') < date('2026-03-20')", "true"), ("date('2026-03-18').addDays(14)", "date(\"2026-04-01\")"),
        ("daysBetween(date('2026-03-02'), date('2026-03-20'))", "18"), ("date('2026-03-21').isWeekend()", "true"),
        ("date('2026-03-18').getDayOfWeek()", "3"), ("nthWeekday(2026, 11, 4, 4)", "date(\"2026-11-26\")"),
        ("nthWeekday(2026, 5, 1, -1)", "date(\"2026-05-25\")"),
        // Observed on the nearest weekday: 4 July 2026 is a Saturday, 4 July 2027 a Sunday, 4 July 2028 a Tuesday.
        ("date(2026, {'month': 7, 'day': 4, 'observed': 'nearest-weekday'})", "date(\"2026-07-03\")"),
        ("date(2027, {'month': 7, 'day': 4, 'observed': 'nearest-weekday'})", "date(\"2027-07-05\")"),
        ("date(2028, {'month': 7, 'day': 4, 'observed': 'nearest-weekday'})", "date(\"2028-07-04\")"),
        ("date(2026, 2, 28).addDays(1)", "date(\"2026-03-01\")"),
        ("date('2026-01-05').isBetween(date('2025-12-31'), date('2026-01-11'))", "true"),
        ("date('2026-03-18') + duration('48h')", "date(\"2026-03-20\")"),
        ("date(timestamp('2026-03-18T23:30:00Z'), 'Europe/Moscow')", "date(\"2026-03-19\")"),
        ("string(date('2026-03-18'))", "\"2026-03-18\""), ("string(date('0007-01-02'))", "\"0007-01-02\""),
        ("string(date('9999-12-31').addDays(14))", "\"10000-01-14\""),
        ("dates(date('2026-12-30'), date('2027-01-02'))", "[date(\"2026-12-30\"), date(\"2026-12-31\"), date(\"2027-01-01\")]"),
        // With a map keyed by dates: only the days it has, the second date left out.
        ("dates(date('2026-12-30'), date('2027-01-02'), {'2026-12-31': 1, '2027-01-01': 2, '2027-01-02': 3})",
         "[date(\"2026-12-31\"), date(\"2027-01-01\")]"),
        ("dates(date('2027-01-02'), date('2026-12-30'), {'2026-12-31': 1})", "[]"),
    ])
    func evaluates(_ expr: String, _ expected: String) throws {
        #expect(try Eval.run(expr).printed == expected)
    }

    @Test func errorsAreAbsorbedOnlyWhereTheOtherSideDecides() throws {
        #expect(try Eval.run("1/0 == 1 && false").printed == "false")
        #expect(try Eval.run("false && 1/0 == 1").printed == "false")
        #expect(try Eval.run("1/0 == 1 || true").printed == "true")
        #expect(Eval.error("1/0 == 1 && true") == "division by zero")
        #expect(Eval.error("true || false ? 1/0 : 2") == "division by zero")
        #expect(try Eval.run("[1, 0].exists(x, 1 / x == 1)").printed == "true")
        #expect(Eval.error("[0, 1].all(x, 1 / x == 1)") == "division by zero")
    }

    @Test func integerArithmeticIsChecked() {
        #expect(Eval.error("9223372036854775807 + 1") == "integer overflow")
        #expect(Eval.error("-9223372036854775808 - 1") == "integer overflow")
        #expect(Eval.error("1 % 0") == "modulus by zero")
        #expect(Eval.error("1 + 1.0")?.contains("no such overload") == true)
    }

    @Test func searchAndCaseWorkOnBytesAtEveryPosition() throws {
        let cases: [(String, String)] = [
            ("'abc'.contains('')", "true"), ("''.contains('')", "true"), ("''.contains('a')", "false"),
            ("'abc'.contains('abcd')", "false"), ("'aab'.contains('ab')", "true"), ("'abab'.contains('bab')", "true"),
            ("'abcabd'.contains('abd')", "true"), ("'abcabc'.contains('abd')", "false"), ("'xyz'.contains('z')", "true"),
            ("'Москва'.contains('сква')", "true"), ("'Москва'.contains('Мск')", "false"),
            ("'abc'.endsWith('')", "true"), ("'abc'.endsWith('bc')", "true"), ("'abc'.endsWith('abcd')", "false"),
            ("'Москва'.endsWith('ва')", "true"), ("''.endsWith('a')", "false"),
            ("'Reach #1 OK'.lowerAscii()", "\"reach #1 ok\""), ("'already lower'.lowerAscii()", "\"already lower\""),
            ("'Москва Z'.lowerAscii()", "\"Москва z\""), ("'mixed Case, long enough to be stored'.upperAscii()", "\"MIXED CASE, LONG ENOUGH TO BE STORED\""),
            ("'a-b-c'.split('-')", "[\"a\", \"b\", \"c\"]"), ("'aaa'.replace('a', 'b', 2)", "\"bba\""),
        ]
        for (expr, expected) in cases { #expect(try Eval.run(expr).printed == expected, "\(expr)") }
    }

    @Test func stringsCompareByCodePointsNotByCanonicalEquivalence() throws {
        #expect(try Eval.run("'Am\\u00E9lie' == 'Ame\\u0301lie'").printed == "false")
        #expect(try Eval.run("'e\\u0301'.contains('e')").printed == "true")
        #expect(try Eval.run("{'é': 1}['e\\u0301'] == 1 || true").printed == "true")
    }

    @Test func anEvaluationErrorKnowsWhereItHappened() throws {
        let file = SourceFile(path: "<expression>", text: "10 / (5 - 5)")
        let program = try Compiler.compile(file, declarations: Declarations(strict: false))
        do {
            _ = try program.evaluate([])
            Issue.record("no error")
        } catch {
            #expect(error.message == "division by zero")
            #expect(error.span.map { file.location(at: $0.start).column } == 4)
        }
    }

    @Test func theCostLimitStopsRunawayComprehensions() {
        let ten = "[1,2,3,4,5,6,7,8,9,10]"
        let expr = "\(ten).map(a, \(ten).map(b, \(ten).map(c, \(ten).map(d, \(ten).map(e, \(ten).map(f, a + f))))))"
        do {
            _ = try Eval.run(expr, costLimit: 100_000)
            Issue.record("no limit")
        } catch let e as EvalError {
            #expect(e.message.contains("cost limit of 100000"))
        } catch {
            Issue.record("\(error)")
        }
        #expect((try? Eval.run("\(ten).map(a, a * 2).size()", costLimit: 1000))?.printed == "10")
    }

    @Test func patternsThatBacktrackExponentiallyRunInLinearTime() throws {
        let long = String(repeating: "a", count: 5000)
        #expect(try Eval.run("x.matches('(a|aa)*(a|aa)*c')", [("x", .string(long))]).printed == "false")
        #expect(try Eval.run("x.matches('^(a+)+$')", [("x", .string(long))]).printed == "true")
    }

    /// What an evaluation builds counts against its budget, and no one step builds more than 16 MiB:
    /// an expression that grows a text tenfold thirty times is stopped, not run out of memory.
    @Test func growingTextsRunOutOfBudgetNotOfMemory() {
        let bomb = (0..<30).reduce("\"x\"") { e, _ in e + ".replace(\"x\", \"xxxxxxxxxx\")" }
        #expect(Eval.error(bomb)?.contains("cost limit") == true)
        let huge = "x.replace(\"a\", \"" + String(repeating: "b", count: 1000) + "\")"
        #expect(Eval.error(huge, [("x", .string(String(repeating: "a", count: 20_000)))])?.contains("more than 16 MiB") == true)
        #expect(Eval.error("x + x", [("x", .string(String(repeating: "a", count: 9 << 20)))])?.contains("more than 16 MiB") == true)
        #expect((try? Eval.run("'hello'.replace('l', 'L')"))?.printed == "\"heLLo\"")
    }

    @Test func deepOrLongExpressionsAreRefusedNotOverflowed() {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(Eval.error(deep)?.contains("nested more than") == true)
        let brackets = String(repeating: "[", count: 100_000)
        #expect(Eval.error(brackets) != nil)
        let chain = Array(repeating: "1", count: 1000).joined(separator: " - ")
        #expect(Eval.error(chain)?.contains("nested more than") == true)
        // Long && / || chains are balanced, so they stay within the limit.
        let ands = Array(repeating: "true", count: 5000).joined(separator: " && ")
        #expect((try? Eval.run(ands))?.printed == "true")
        #expect(Eval.error(String(repeating: "x", count: ExpressionLimits.maxLength + 1))?.contains("longer than") == true)
    }

    @Test func randomBytesNeverCrashTheParser() {
        var rng = SeededGenerator.forTest()
        let alphabet = Array("()[]{}.,:?!-+*/%<>=&|'\"`\\ abcxyz019_\n".utf8)
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0..<60, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let file = SourceFile(path: "<fuzz>", bytes: bytes)
            if let program = try? Compiler.compile(file, declarations: Declarations(strict: false)) {
                _ = try? program.evaluate([], costLimit: 10_000)
            }
        }
    }
}

/// Static checking of rule expressions against declared shapes.
@Suite struct CheckerTests {
    static func declarations() -> Declarations {
        let brand = ObjectType(name: "brand")
        brand.add("name", .string)
        brand.add("market", .string)
        brand.add("goals", .list(.string))
        let timeline = ObjectType(name: "timeline")
        timeline.add("launch", .date)
        timeline.add("media_buy", .date)
        return Declarations(strict: true, [("brand", .object(brand)), ("timeline", .object(timeline))])
    }

    static func check(_ text: String) -> [Diagnostic] {
        do {
            _ = try Compiler.compile(SourceFile(path: "Rules/t.rules", text: text), declarations: declarations())
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func aMisspelledFieldIsCaughtWithASuggestionAndACaret() throws {
        let d = try #require(Self.check("brand.marekt == \"RU\"").first)
        #expect(d.message == "no field 'marekt' in brand; did you mean 'market'?")
        #expect(d.location == SourceLocation(line: 1, column: 7, offset: 6))
        #expect(d.span?.end == 12)
        #expect(d.fixIt?.replacement == "market")
        let rendered = TextDiagnosticRenderer().render(d)
        #expect(rendered.contains("Rules/t.rules:1:7: error: no field 'marekt' in brand; did you mean 'market'?"))
        #expect(rendered.contains("   1 | brand.marekt == \"RU\"\n     |       ^~~~~~\n     |       market\n"))
    }

    @Test func everyProblemInAnExpressionIsReported() {
        let all = Self.check("brand.nmae == 'x' && timeline.lanch < timeline.media_buy && sizee(brand.goals) > 0")
        #expect(all.count == 3)
        #expect(all.map(\.message).contains("unknown function 'sizee'; did you mean 'size'?"))
    }

    @Test func typeMismatchesAreErrorsWithAHint() throws {
        let date = try #require(Self.check("timeline.launch == \"2026-03-20\"").first)
        #expect(date.message == "comparing date with string is always false")
        #expect(date.help == "write the date as date(\"2026-03-20\")")
        #expect(Self.check("brand.name + 1").first?.message == "'+' cannot combine string and int")
        #expect(Self.check("brand.goals.contains('x')").first?.message.contains("no version of 'contains'") == true)
        #expect(Self.check("timeline.launch.foo()").first?.message.contains("unknown function 'foo'") == true)
        #expect(Self.check("brand.name.size").first?.message == "string has no fields, so '.size' cannot be read")
    }

    @Test func unknownNamesAreErrorsInRulesButFailLateInEval() {
        #expect(Self.check("brnad.name == 'x'").first?.message == "unknown name 'brnad'; did you mean 'brand'?")
        #expect((try? Eval.run("x || true"))?.printed == "true")
    }

    @Test func wellTypedExpressionsHaveNoDiagnosticsAndAKnownType() throws {
        #expect(Self.check("has(brand.market) && brand.market in ['RU', 'US']").isEmpty)
        #expect(Self.check("brand.goals.exists(g, g == 'reach') && timeline.launch < timeline.media_buy.addDays(3)").isEmpty)
        let program = try Compiler.compile(SourceFile(path: "t", text: "daysBetween(timeline.media_buy, timeline.launch)"),
                                           declarations: Self.declarations())
        #expect(program.type.description == "int")
    }
}
