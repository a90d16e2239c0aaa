/// The embedded built-in rule files (generated at build time from Rules/).
/// The built-in rule packs, compiled into the binary from Rules/ (see Plugins/EmbedRules).
package enum BuiltinRules {
    package static var files: [(path: String, text: String)] { EmbeddedRules.files }
}
