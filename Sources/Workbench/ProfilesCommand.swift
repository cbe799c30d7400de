import ArgumentParser
import Engine

/// `workbench profiles [show NAME]`: the runtime profiles and what each enforces.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the runtime profiles, or show what one allows, refuses and changes.",
        subcommands: [ListProfiles.self, ShowProfile.self],
        defaultSubcommand: ListProfiles.self
    )
}

/// `workbench profiles list`.
struct ListProfiles: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the built-in profiles.")

    @OptionGroup var output: OutputOptions

    func run() throws {
        let out = output.stdout
        if output.format == .json {
            out.line(JSONValue.array(ProfileCatalog.builtIns.map(\.definitionJSON)).serialized(pretty: true))
            return
        }
        let rows = ProfileCatalog.builtIns.map { [$0.name, $0.description] }
        for line in Format.table(["profile", "models"], rows, width: out.width, wrapLast: true) { out.line(line) }
        out.line()
        out.line(out.dim("workbench profiles show NAME — what a profile allows, refuses and changes"))
    }
}

/// `workbench profiles show NAME`.
struct ShowProfile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one profile's rules as a table.")

    @Argument(help: "A profile name or a profile file.")
    var name: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let out = output.stdout
        let profile: Profile
        do { profile = try ProfileSelection.resolveOne(name, collection: nil) } catch {
            throw exitWith(error, terminal: output.stderr)
        }
        if output.format == .json {
            out.line(profile.definitionJSON.serialized(pretty: true))
            return
        }
        out.line(out.bold(profile.name) + (profile.extends.map { out.dim(" (extends \($0))") } ?? ""))
        out.line(profile.description)
        out.line()
        let rows = profile.summaryRows.map { [$0.behaviour, $0.verdict.rawValue, $0.detail] }
        for line in Format.table(["behaviour", "verdict", "detail"], rows, width: out.width, wrapLast: true) { out.line(line) }
    }
}
