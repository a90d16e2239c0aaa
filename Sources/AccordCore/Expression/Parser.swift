/// Parses the expression language (CEL's grammar) into `Expr` trees, expanding the macros
/// (`has`, `all`, `exists`, `exists_one`, `map`, `filter`, and the two-variable forms).
package struct ExpressionParser {
    var lexer: Lexer
    var token: Token
    /// Nesting of parse calls, bounded so that no input overflows the stack.
    var depth = 0
    let start: Int

    /// Parses `file` (or a byte range of it, for an expression inside a rule file) as one expression.
    /// `hashComments`: `#` starts a comment too (in rule files).
    package static func parse(_ file: SourceFile, range: Range<Int>? = nil, hashComments: Bool = false) throws(Diagnostic) -> Expr {
        let range = range ?? 0..<file.bytes.count
        if range.count > ExpressionLimits.maxLength {
            throw Diagnostic.error("the expression is longer than \(ExpressionLimits.maxLength) characters", id: "expr.size",
                                   file: file, span: SourceSpan(range.lowerBound, range.lowerBound + 1))
        }
        var parser = try ExpressionParser(file: file, range: range, hashComments: hashComments)
        let expr = try parser.parseExpression()
        guard case .end = parser.token.kind else {
            throw parser.unexpected("the end of the expression")
        }
        return expr
    }

    package static func parse(text: String, path: String = "<expression>") throws(Diagnostic) -> Expr {
        try parse(SourceFile(path: path, text: text))
    }

    init(file: SourceFile, range: Range<Int>, hashComments: Bool = false) throws(Diagnostic) {
        lexer = Lexer(file: file, range: range)
        lexer.hashComments = hashComments
        start = range.lowerBound
        token = Token(kind: .end, span: SourceSpan(start, start))
        token = try lexer.next(afterOperand: false)
    }

    var file: SourceFile { lexer.file }

    // MARK: Tokens

    mutating func advance() throws(Diagnostic) {
        let endsOperand: Bool
        switch token.kind {
        case .identifier, .quotedIdentifier, .int, .double, .string: endsOperand = true
        case .symbol(let s): endsOperand = s == .rparen || s == .rbracket || s == .rbrace
        case .end: endsOperand = false
        }
        token = try lexer.next(afterOperand: endsOperand)
    }

    func isSymbol(_ s: Token.Symbol) -> Bool {
        if case .symbol(let t) = token.kind { return t == s }
        return false
    }

    mutating func accept(_ s: Token.Symbol) throws(Diagnostic) -> Bool {
        guard isSymbol(s) else { return false }
        try advance()
        return true
    }

    mutating func expect(_ s: Token.Symbol, closing open: Token? = nil) throws(Diagnostic) -> SourceSpan {
        guard isSymbol(s) else {
            var d = unexpected("'\(s.rawValue)'")
            if let open {
                let loc = file.location(at: open.span.start)
                d.notes.append(.init("to match the '\(tokenText(open))' at \(loc.line):\(loc.column)", file: file, span: open.span))
            }
            throw d
        }
        let span = token.span
        try advance()
        return span
    }

    func tokenText(_ t: Token) -> String {
        String(decoding: file.bytes[t.span.start..<t.span.end], as: UTF8.self)
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "the end of the expression"
        case .identifier(let name): return "'\(name)'"
        case .string: return "a string"
        case .int, .double: return "the number \(tokenText(t))"
        default: return "'\(tokenText(t))'"
        }
    }

    func unexpected(_ expected: String) -> Diagnostic {
        var help: String?
        if case .identifier(let word) = token.kind {
            switch word {
            case "and": help = "write && for 'and'"
            case "or": help = "write || for 'or'"
            case "not": help = "write ! for 'not'"
            case "is": help = "to compare, write =="
            default: break
            }
        }
        return .error("expected \(expected), found \(describe(token))", id: "expr.syntax", file: file, span: token.span, help: help)
    }

    mutating func nested<T>(_ body: (inout ExpressionParser) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > ExpressionLimits.maxHeight {
            throw Diagnostic.error("the expression is nested more than \(ExpressionLimits.maxHeight) levels deep", id: "expr.depth",
                                   file: file, span: token.span, help: "split it into smaller parts with 'let'")
        }
        return try body(&self)
    }

    func make(_ kind: ExprKind, _ span: SourceSpan) throws(Diagnostic) -> Expr {
        let e = Expr(kind, span)
        if e.height > ExpressionLimits.maxHeight {
            throw Diagnostic.error("the expression is nested more than \(ExpressionLimits.maxHeight) levels deep", id: "expr.depth",
                                   file: file, span: span, help: "split it into smaller parts with 'let'")
        }
        return e
    }

    // MARK: Grammar

    /// expr: or ('?' or ':' expr)?
    mutating func parseExpression() throws(Diagnostic) -> Expr {
        try nested { (p: inout ExpressionParser) throws(Diagnostic) -> Expr in
            let condition = try p.parseOr()
            guard p.isSymbol(.question) else { return condition }
            let question = p.token
            try p.advance()
            let whenTrue = try p.parseOr()
            _ = try p.expect(.colon, closing: question)
            let whenFalse = try p.parseExpression()
            return try p.make(.conditional(condition, whenTrue, whenFalse), condition.span.union(whenFalse.span))
        }
    }

    /// `a || b || c` as a balanced tree: the operators are commutative in CEL, and a balanced tree
    /// keeps long chains within the height limit.
    mutating func parseOr() throws(Diagnostic) -> Expr {
        var terms = [try parseAnd()]
        while try accept(.or) { terms.append(try parseAnd()) }
        return try balance(terms[...], or: true)
    }

    mutating func parseAnd() throws(Diagnostic) -> Expr {
        var terms = [try parseRelation()]
        while try accept(.and) { terms.append(try parseRelation()) }
        return try balance(terms[...], or: false)
    }

    func balance(_ terms: ArraySlice<Expr>, or: Bool) throws(Diagnostic) -> Expr {
        if terms.count == 1 { return terms.first! }
        let mid = terms.startIndex + terms.count / 2
        let left = try balance(terms[..<mid], or: or)
        let right = try balance(terms[mid...], or: or)
        return try make(or ? .or(left, right) : .and(left, right), left.span.union(right.span))
    }

    mutating func parseRelation() throws(Diagnostic) -> Expr {
        var left = try parseAddition()
        while true {
            let op: BinaryOperator
            switch token.kind {
            case .symbol(.less): op = .less
            case .symbol(.lessOrEqual): op = .lessOrEqual
            case .symbol(.greater): op = .greater
            case .symbol(.greaterOrEqual): op = .greaterOrEqual
            case .symbol(.equal): op = .equal
            case .symbol(.notEqual): op = .notEqual
            case .identifier("in"): op = .in
            default: return left
            }
            let opSpan = token.span
            try advance()
            let right = try parseAddition()
            left = try make(.binary(op, left, right, operatorSpan: opSpan), left.span.union(right.span))
        }
    }

    mutating func parseAddition() throws(Diagnostic) -> Expr {
        var left = try parseMultiplication()
        while true {
            let op: BinaryOperator
            if isSymbol(.plus) { op = .add } else if isSymbol(.minus) { op = .subtract } else { return left }
            let opSpan = token.span
            try advance()
            let right = try parseMultiplication()
            left = try make(.binary(op, left, right, operatorSpan: opSpan), left.span.union(right.span))
        }
    }

    mutating func parseMultiplication() throws(Diagnostic) -> Expr {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            if isSymbol(.star) {
                op = .multiply
            } else if isSymbol(.slash) {
                op = .divide
            } else if isSymbol(.percent) {
                op = .remainder
            } else {
                return left
            }
            let opSpan = token.span
            try advance()
            let right = try parseUnary()
            left = try make(.binary(op, left, right, operatorSpan: opSpan), left.span.union(right.span))
        }
    }

    mutating func parseUnary() throws(Diagnostic) -> Expr {
        if isSymbol(.bang) {
            var bangs: [SourceSpan] = []
            while isSymbol(.bang) {
                bangs.append(token.span)
                try advance()
            }
            var e = try nested { (p: inout ExpressionParser) throws(Diagnostic) -> Expr in try p.parseMember() }
            for span in bangs.reversed() { e = try make(.unary(.not, e), span.union(e.span)) }
            return e
        }
        if isSymbol(.minus) {
            var minuses: [SourceSpan] = []
            while isSymbol(.minus) {
                minuses.append(token.span)
                try advance()
            }
            var e: Expr
            // A minus right before a number is part of the literal, so that -9223372036854775808 reads.
            if case .int(let magnitude) = token.kind {
                let span = minuses.removeLast().union(token.span)
                try advance()
                let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
                e = try parseMemberSuffixes(try make(.literal(.int(value)), span))
            } else if case .double(let d) = token.kind {
                let span = minuses.removeLast().union(token.span)
                try advance()
                e = try parseMemberSuffixes(try make(.literal(.double(-d)), span))
            } else {
                e = try nested { (p: inout ExpressionParser) throws(Diagnostic) -> Expr in try p.parseMember() }
            }
            for span in minuses.reversed() { e = try make(.unary(.negate, e), span.union(e.span)) }
            return e
        }
        return try parseMember()
    }

    mutating func parseMember() throws(Diagnostic) -> Expr {
        try parseMemberSuffixes(try parsePrimary())
    }

    mutating func parseMemberSuffixes(_ operand: Expr) throws(Diagnostic) -> Expr {
        var e = operand
        while true {
            if isSymbol(.dot) {
                try advance()
                let name: String
                let nameSpan = token.span
                var quoted = false
                switch token.kind {
                case .identifier(let n): name = n
                case .quotedIdentifier(let n):
                    name = n
                    quoted = true
                default: throw unexpected("a field or function name after '.'")
                }
                try advance()
                if !quoted, isSymbol(.lparen) {
                    let open = token
                    try advance()
                    let (args, close) = try parseArguments(open)
                    e = try call(name, nameSpan: nameSpan, target: e, args: args, span: e.span.union(close))
                } else {
                    e = try make(.select(e, field: name, fieldSpan: nameSpan), e.span.union(nameSpan))
                }
            } else if isSymbol(.lbracket) {
                let open = token
                try advance()
                let index = try parseExpression()
                let close = try expect(.rbracket, closing: open)
                e = try make(.index(e, index), e.span.union(close))
            } else {
                return e
            }
        }
    }

    mutating func parseArguments(_ open: Token) throws(Diagnostic) -> ([Expr], SourceSpan) {
        var args: [Expr] = []
        if isSymbol(.rparen) {
            let close = token.span
            try advance()
            return (args, close)
        }
        while true {
            args.append(try parseExpression())
            if try accept(.comma) { continue }
            let close = try expect(.rparen, closing: open)
            return (args, close)
        }
    }

    mutating func parsePrimary() throws(Diagnostic) -> Expr {
        let t = token
        switch t.kind {
        case .int(let magnitude):
            try advance()
            guard magnitude <= UInt64(Int64.max) else {
                throw Diagnostic.error("integer literal is out of range", id: "expr.syntax", file: file, span: t.span)
            }
            return try make(.literal(.int(Int64(magnitude))), t.span)
        case .double(let d):
            try advance()
            return try make(.literal(.double(d)), t.span)
        case .string(let s):
            try advance()
            return try make(.literal(.string(s)), t.span)
        case .symbol(.lparen):
            try advance()
            let e = try parseExpression()
            _ = try expect(.rparen, closing: t)
            return e
        case .symbol(.lbracket):
            try advance()
            var items: [Expr] = []
            while !isSymbol(.rbracket) {
                items.append(try parseExpression())
                if !(try accept(.comma)) { break }
            }
            let close = try expect(.rbracket, closing: t)
            return try make(.list(items), t.span.union(close))
        case .symbol(.lbrace):
            try advance()
            var entries: [(key: Expr, value: Expr)] = []
            while !isSymbol(.rbrace) {
                let key = try parseExpression()
                _ = try expect(.colon)
                let value = try parseExpression()
                entries.append((key, value))
                if !(try accept(.comma)) { break }
            }
            let close = try expect(.rbrace, closing: t)
            return try make(.map(entries), t.span.union(close))
        case .symbol(.dot):
            // A leading dot names the root scope: `.brand` is `brand`.
            try advance()
            guard case .identifier = token.kind else { throw unexpected("a name after '.'") }
            return try parsePrimary()
        case .identifier(let name):
            try advance()
            switch name {
            case "true": return try make(.literal(.bool(true)), t.span)
            case "false": return try make(.literal(.bool(false)), t.span)
            case "null": return try make(.literal(.null), t.span)
            case "in":
                throw Diagnostic.error("'in' needs a value on its left", id: "expr.syntax", file: file, span: t.span)
            default: break
            }
            if Lexer.reservedWords.contains(name) {
                throw Diagnostic.error("'\(name)' is a reserved word", id: "expr.syntax", file: file, span: t.span,
                                       help: "it can be a field name after a dot (x.\(name)) but not a variable")
            }
            if isSymbol(.lparen) {
                let open = token
                try advance()
                let (args, close) = try parseArguments(open)
                return try call(name, nameSpan: t.span, target: nil, args: args, span: t.span.union(close))
            }
            if isSymbol(.lbrace) {
                throw Diagnostic.error("message construction (\(name){...}) is not supported", id: "expr.syntax", file: file,
                                       span: token.span, help: "use a map literal {\"key\": value}")
            }
            return try make(.ident(name), t.span)
        case .quotedIdentifier:
            throw Diagnostic.error("a back-quoted name can only follow a dot", id: "expr.syntax", file: file, span: t.span)
        default:
            throw unexpected("a value")
        }
    }

    // MARK: Macros

    func call(_ name: String, nameSpan: SourceSpan, target: Expr?, args: [Expr], span: SourceSpan) throws(Diagnostic) -> Expr {
        if target == nil, name == "has" {
            guard args.count == 1, case .select(let operand, let field, let fieldSpan) = args[0].kind else {
                throw Diagnostic.error("has() takes one field selection, such as has(brand.market)", id: "expr.macro",
                                       file: file, span: span)
            }
            return try make(.presence(operand, field: field, fieldSpan: fieldSpan), span)
        }
        if let target, let kind = macroKind(name, arity: args.count) {
            return try comprehension(kind, name: name, range: target, args: args, span: span)
        }
        return try make(.call(name: name, nameSpan: nameSpan, target: target, args: args), span)
    }

    func macroKind(_ name: String, arity: Int) -> MacroKind? {
        switch (name, arity) {
        case ("all", 2), ("all", 3): return .all
        case ("exists", 2), ("exists", 3): return .exists
        case ("exists_one", 2), ("existsOne", 2), ("existsOne", 3), ("exists_one", 3): return .existsOne
        case ("map", 2), ("map", 3): return .map
        case ("filter", 2): return .filter
        case ("transformList", 3), ("transformList", 4): return .transformList
        case ("transformMap", 3), ("transformMap", 4): return .transformMap
        default: return nil
        }
    }

    func comprehension(_ kind: MacroKind, name: String, range: Expr, args: [Expr], span: SourceSpan) throws(Diagnostic) -> Expr {
        func variable(_ e: Expr) throws(Diagnostic) -> String {
            guard case .ident(let v) = e.kind else {
                throw Diagnostic.error("the first argument of \(name)() must be a simple name, such as \(name)(x, ...)",
                                       id: "expr.macro", file: file, span: e.span)
            }
            return v
        }
        let twoVariables: Bool
        switch kind {
        case .all, .exists, .existsOne: twoVariables = args.count == 3
        case .map, .filter: twoVariables = false
        case .transformList, .transformMap: twoVariables = true
        }
        let first = try variable(args[0])
        let second = twoVariables ? try variable(args[1]) : nil
        if let second, second == first {
            throw Diagnostic.error("\(name)() needs two different variable names", id: "expr.macro", file: file, span: args[1].span)
        }
        let rest = Array(args.dropFirst(twoVariables ? 2 : 1))
        let filter = rest.count == 2 ? rest[0] : nil
        let body = rest[rest.count - 1]
        return try make(.comprehension(Comprehension(kind: kind, range: range, variable: first, value: second,
                                                     filter: filter, body: body)), span)
    }
}
