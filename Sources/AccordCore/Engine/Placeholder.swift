/// The embedded built-in rule files (generated at build time from Rules/).
public enum BuiltinRules {
    public static var files: [(path: String, text: String)] { EmbeddedRules.files }
}
