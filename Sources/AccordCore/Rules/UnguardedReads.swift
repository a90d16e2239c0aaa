/// Reads of brief fields that a brief may lack, made where nothing has checked the field with
/// `has()`: such a read fails at run time on every brief without the field (the rule fails for that
/// brief, and the run exits 2). Found when a pack loads, so an author hears of it before any brief.
///
/// A field may be missing when the schema does not require it, or when it is in a section the brief
/// may leave out (`agency`, `timeline`: read as an empty table), or, in a check-in's names, when its
/// shape says it may be absent (`p.latest`, `p.end`). A read is guarded where the
/// evaluation cannot reach it without the field being there:
///
/// - `has(x.f) && …x.f…`, either way round (CEL's `&&` and `||` absorb an error on one side when the
///   other decides the result): `…x.f… && has(x.f)`, `!has(x.f) || …x.f…`;
/// - `has(x.f) ? …x.f… : …`, `!has(x.f) ? … : …x.f…`, and after `has(x.f) || has(x.g)`, a branch
///   where `x.f` is known absent knows `x.g` is there;
/// - a message, question or `ask` after a `when` that implies the field, a question's text for the
///   parties its `ask` names (`ask (blocked ? brand : [])` asks only when `blocked` holds);
/// - a `let`, which is evaluated at its first use, where each of its uses is guarded;
/// - `xs.exists(x, has(m.f) && …)` that holds says `m.f` is there.
///
/// `has(x.f.g)` says `x.f` is there too, but it reads `x.f` itself, so that read needs a guard.
package struct UnguardedReads {
    /// A read found: the path that may be missing (`timeline.media_buy_why`) and where it is read.
    package struct Read {
        package let path: String
        package let span: SourceSpan
        package let file: SourceFile
    }

    /// The objects names stand for: the brief's sections, a `for each` element, a `let`, a
    /// comprehension's element.
    private var roots: [String: ObjectType]
    /// The names that stand for lists (`creators`, `metrics`), for the comprehensions over them.
    private let lists: [String: CELType]
    /// The brief's sections that a brief may leave out (they read as empty tables).
    private let optionalSections: Set<String>
    /// The `let`s a name may stand for (a comprehension variable of the same name hides one).
    private var lets: [String: Expr]
    private let schema: BriefSchema
    private let file: SourceFile
    private(set) var reads: [Read] = []
    private var reported: Set<String> = []
    /// `let`s already followed with given facts (a `let` used twice alike is looked at once).
    private var followed: Set<Followed> = []

    private struct Followed: Hashable {
        let name: String
        let facts: Facts
    }

    /// The unguarded reads of `rule`, each path once.
    package static func find(in rule: CompiledRule, schema: BriefSchema, declarations: Declarations) -> [Read] {
        var finder = UnguardedReads(rule: rule, schema: schema, declarations: declarations)
        finder.check(rule)
        return finder.reads
    }

    private init(rule: CompiledRule, schema: BriefSchema, declarations: Declarations) {
        self.schema = schema
        file = rule.file
        var roots: [String: ObjectType] = [:]
        var lists: [String: CELType] = [:]
        for (name, type) in zip(declarations.names, declarations.types) {
            if case .object(let o) = type { roots[name] = o }
            if case .list = type { lists[name] = type }
        }
        self.lists = lists
        optionalSections = Set(schema.root.keys.filter { !$0.required && roots[$0.key] != nil }.map(\.key))
        if let each = rule.each, let name = rule.source.each?.name, case .list(.object(let o)) = each.range.type { roots[name] = o }
        for l in rule.lets {
            if case .object(let o) = l.program.type { roots[l.name] = o } else { roots[l.name] = nil }
        }
        self.roots = roots
        lets = Dictionary(rule.lets.map { ($0.name, $0.program.expression) }, uniquingKeysWith: { a, _ in a })
    }

    private mutating func check(_ rule: CompiledRule) {
        if let each = rule.each { visit(each.range.expression, Facts()) }
        visit(rule.condition.expression, Facts())
        // What a finding renders is evaluated only once the condition held.
        let afterWhen = implied(rule.condition.expression, true)
        for part in rule.message.all.flatMap(\.parts) {
            if case .expression(let program) = part { visit(program.expression, afterWhen) }
        }
        for question in rule.questions {
            visit(question.target.expression, afterWhen)
            let asked = afterWhen.and(impliedNonEmpty(question.target.expression))
            for part in question.text.all.flatMap(\.parts) {
                if case .expression(let program) = part { visit(program.expression, asked) }
            }
        }
    }

    private mutating func visit(_ e: Expr, _ known: Facts) {
        switch e.kind {
        case .select:
            if let chain = Self.chain(e) {
                follow(chain.root, known)
                checkChain(chain, known)
            } else {
                e.kind.forEachChild { visit($0, known) }
            }
        case .presence(let operand, _, _):
            // `has(x.f)` reads `x`: only the operand needs to be there.
            visit(operand, known)
        case .ident(let name):
            follow(name, known)
        case .and(let a, let b):
            visit(a, known.and(implied(b, true)))
            visit(b, known.and(implied(a, true)))
        case .or(let a, let b):
            visit(a, known.and(implied(b, false)))
            visit(b, known.and(implied(a, false)))
        case .conditional(let c, let t, let f):
            visit(c, known)
            visit(t, known.and(implied(c, true)))
            visit(f, known.and(implied(c, false)))
        case .comprehension(let c):
            visit(c.range, known)
            // The element stands for an object when the range is a list of them; otherwise the
            // variable hides whatever it names outside.
            let (savedRoots, savedLets) = (roots, lets)
            let element = rangeElement(c.range)
            let names = Self.variables(c)
            for name in names {
                roots[name] = nil
                lets[name] = nil
            }
            if let element { roots[c.value ?? c.variable] = element }
            let inner = known.forgetting(names)
            if let f = c.filter { visit(f, inner) }
            visit(c.body, inner.and(c.filter.map { implied($0, true) } ?? Facts()))
            (roots, lets) = (savedRoots, savedLets)
        default:
            e.kind.forEachChild { visit($0, known) }
        }
    }

    /// A `let` is evaluated where it is first used: its reads are guarded as that use is.
    private mutating func follow(_ name: String, _ known: Facts) {
        if let body = lets[name], followed.insert(Followed(name: name, facts: known)).inserted { visit(body, known) }
    }

    private static func variables(_ c: Comprehension) -> [String] {
        [c.variable] + (c.value.map { [$0] } ?? [])
    }

    /// `x.f.g` as its name and fields, with each select's node; nil unless it starts at a name.
    private static func chain(_ e: Expr) -> (root: String, fields: [(name: String, node: Expr)])? {
        var fields: [(name: String, node: Expr)] = []
        var cursor = e
        while case .select(let operand, let field, _) = cursor.kind {
            fields.insert((field, cursor), at: 0)
            cursor = operand
        }
        guard case .ident(let root) = cursor.kind else { return nil }
        return (root, fields)
    }

    /// Reports the first field of the chain that may be missing and is not known to be there.
    private mutating func checkChain(_ chain: (root: String, fields: [(name: String, node: Expr)]), _ known: Facts) {
        guard var object = roots[chain.root] else { return }
        var path = chain.root
        // A section the brief leaves out reads as an empty table: any field of it may be missing.
        var inMissingSection = optionalSections.contains(chain.root) && !known.has(chain.root)
        for (field, node) in chain.fields {
            path += "." + field
            let optional: Bool
            if let table = schema.tables[object.name] {
                optional = !table.allDerived.contains { $0.key == field } && !(table.field(field)?.required ?? false)
            } else {
                // A shape that is not the brief's (a check-in's progress) says its own.
                optional = object.field(field)?.mayBeAbsent ?? false
            }
            if (inMissingSection || optional) && !known.has(path) {
                if reported.insert(path).inserted { reads.append(Read(path: path, span: node.span, file: file)) }
                return
            }
            inMissingSection = false
            // Past a list or a map, what follows is indexed, not a field of the schema.
            guard case .object(let next)? = object.field(field)?.type else { return }
            object = next
        }
    }

    /// The object each element of `range` is, when it is a field chain ending at a list of objects.
    private func rangeElement(_ range: Expr) -> ObjectType? {
        guard let chain = Self.chain(range), var type = roots[chain.root].map(CELType.object) ?? lists[chain.root] else { return nil }
        for (field, _) in chain.fields {
            guard case .object(let o) = type, let next = o.field(field)?.type else { return nil }
            type = next
        }
        if case .list(.object(let element)) = type { return element }
        return nil
    }

    // MARK: What a condition says

    /// What is known of the brief's fields when `e` evaluates to `truth`.
    private func implied(_ e: Expr, _ truth: Bool) -> Facts {
        switch e.kind {
        case .presence(let operand, let field, _):
            guard let chain = Self.chain(operand) else { return Facts() }
            let path = ([chain.root] + chain.fields.map(\.name) + [field]).joined(separator: ".")
            return truth ? Facts(present: path) : Facts(absent: path)
        case .unary(.not, let operand):
            return implied(operand, !truth)
        case .and(let a, let b):
            return truth ? implied(a, true).and(implied(b, true)) : implied(a, false).or(implied(b, false))
        case .or(let a, let b):
            return truth ? implied(a, true).or(implied(b, true)) : implied(a, false).and(implied(b, false))
        case .conditional(let c, let t, let f):
            return implied(c, true).and(implied(t, truth)).or(implied(c, false).and(implied(f, truth)))
        case .ident(let name):
            return lets[name].map { implied($0, truth) } ?? Facts()
        case .binary(let op, let left, let right, _):
            // `size(xs) > 0` and its like: xs names something.
            guard case .literal(.int(let n)) = right.kind, let sized = Self.sizeOperand(left) else { return Facts() }
            let nonEmpty: Bool? = switch (op, n) {
            case (.greater, 0), (.greaterOrEqual, 1), (.notEqual, 0): truth
            case (.equal, 0), (.lessOrEqual, 0), (.less, 1): !truth
            default: nil
            }
            return nonEmpty == true ? impliedNonEmpty(sized) : Facts()
        case .comprehension(let c) where (c.kind == .exists || c.kind == .existsOne) && truth || c.kind == .all && !truth:
            // Some element made the body hold (or fail): what it says of anything but the element.
            return implied(c.body, truth).forgetting(Self.variables(c))
        default:
            return Facts()
        }
    }

    /// What is known when the list `e` (an `ask`'s parties, a `let`) is not empty: `c ? xs : []` has
    /// something only when `c` holds.
    private func impliedNonEmpty(_ e: Expr) -> Facts {
        if case .ident(let name) = e.kind, let body = lets[name] { return impliedNonEmpty(body) }
        guard case .conditional(let c, let t, let f) = e.kind else { return Facts() }
        if Self.isEmptyList(f) { return implied(c, true) }
        if Self.isEmptyList(t) { return implied(c, false) }
        return Facts()
    }

    /// `xs` of `size(xs)` or `xs.size()`.
    private static func sizeOperand(_ e: Expr) -> Expr? {
        guard case .call("size", _, let target, let args) = e.kind else { return nil }
        switch (target, args.count) {
        case (nil, 1): return args[0]
        case (let t?, 0): return t
        default: return nil
        }
    }

    private static func isEmptyList(_ e: Expr) -> Bool {
        if case .list(let items) = e.kind { return items.isEmpty }
        return false
    }
}

/// What is known of which fields a brief has, at a point of an expression: fields there, fields
/// absent, and sets of alternatives of which one holds (`has(a) || has(b)`).
struct Facts: Hashable {
    private var present: Set<String> = []
    private var absent: Set<String> = []
    /// Each entry: one of these sets of fields is all there.
    private var alternatives: [Set<Set<String>>] = []

    init() {}

    /// `path` is there, and so is every prefix of it.
    init(present path: String) {
        var prefix = ""
        for part in path.split(separator: ".") {
            prefix += prefix.isEmpty ? String(part) : "." + part
            present.insert(prefix)
        }
    }

    init(absent path: String) {
        absent = [path]
    }

    func has(_ path: String) -> Bool { present.contains(path) }

    /// Both known.
    func and(_ other: Facts) -> Facts {
        var result = self
        result.present.formUnion(other.present)
        result.absent.formUnion(other.absent)
        result.alternatives += other.alternatives
        result.settle()
        return result
    }

    /// One of the two known: what both say, and, when each says some fields are there, that one of
    /// the two sets is.
    func or(_ other: Facts) -> Facts {
        var result = Facts()
        result.present = present.intersection(other.present)
        result.absent = absent.intersection(other.absent)
        if !present.isEmpty && !other.present.isEmpty && !present.isSubset(of: other.present) && !other.present.isSubset(of: present) {
            result.alternatives = [[present, other.present]]
        }
        return result
    }

    /// The same, with nothing said of `names` (variables that take another value inside a comprehension).
    func forgetting(_ names: [String]) -> Facts {
        func about(_ path: String) -> Bool { names.contains { path == $0 || path.hasPrefix($0 + ".") } }
        var result = Facts()
        result.present = present.filter { !about($0) }
        result.absent = absent.filter { !about($0) }
        result.alternatives = alternatives.filter { $0.allSatisfy { $0.allSatisfy { !about($0) } } }
        return result
    }

    /// Alternatives ruled out by absent fields, down to the one left, which then holds.
    private mutating func settle() {
        var changed = true
        while changed {
            changed = false
            alternatives = alternatives.compactMap { options in
                let open = options.filter { $0.isDisjoint(with: absent) && !$0.isSubset(of: present) }
                if options.contains(where: { $0.isSubset(of: present) }) { return nil }
                if open.count == 1, let only = open.first {
                    present.formUnion(only)
                    changed = true
                    return nil
                }
                return options
            }
        }
    }
}
