import ArgumentParser

/// What `link open` and `inbox get` print of the item they reach (see ``ItemFieldOutput``): the password, a
/// field, or an attachment's bytes.
struct FieldChoiceOptions: ParsableArguments {
    @Option(help: "A custom field's name, or a top-level key of the item (name, login, url, description, ...).")
    var field: String?

    @Option(help: "The name of an attachment to write to standard output.")
    var attachment: String?

    func validate() throws {
        if self.field != nil && self.attachment != nil {
            throw ValidationError("give --field or --attachment, not both")
        }
    }
}
