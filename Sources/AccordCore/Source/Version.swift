/// The version every report and `--version` print.
package enum AccordVersion {
    package static let current = "0.2.0"
}
