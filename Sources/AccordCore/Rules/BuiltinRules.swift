/// The embedded built-in rule files (generated at build time from Rules/).
/// The built-in rule packs, compiled into the binary from Rules/ (see Plugins/BuiltinRules).
package enum BuiltinRules {
    package static var files: [(path: String, text: String)] { EmbeddedRules.files }
}
