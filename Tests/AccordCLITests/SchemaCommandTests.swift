import Foundation
import Testing

/// `accord schema`: the brief format as a JSON Schema, generated from the validation schema. The
/// outside validator's check of every brief is .ci/schema_check.py.
@Suite struct SchemaCommandTests {
    @Test func theSchemaIsTheValidationSchemaAsJSONSchema() throws {
        let run = CLI.run(["schema", "--no-config"])
        #expect(run.status == 0, "\(run.stderr)")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] as? Bool == false)
        #expect((schema["required"] as? [String])?.contains("campaign") == true)
        let defs = try #require(schema["$defs"] as? [String: Any])
        let goal = try #require(defs["goal"] as? [String: Any])
        #expect((goal["enum"] as? [String])?.contains("reach") == true)
        #expect((defs["market"] as? [String: Any])?["pattern"] as? String == "^[A-Z]{2}$")
        let creator = try #require((defs["creator"] as? [String: Any])?["properties"] as? [String: Any])
        let followers = try #require(creator["followers"] as? [String: Any])
        #expect(followers["type"] as? String == "integer" && followers["minimum"] as? Int == 0)
        #expect((followers["description"] as? String)?.isEmpty == false)
        let timeline = try #require((defs["timeline"] as? [String: Any])?["properties"] as? [String: Any])
        #expect((timeline["launch"] as? [String: Any])?["format"] as? String == "date")
    }

    @Test func aPacksKeysAreInIt() throws {
        let folder = CLI.scratch()
        try FileManager.default.createDirectory(atPath: folder + "/pack", withIntermediateDirectories: true)
        CLI.write("name = \"extra\"\ndescription = \"d\"\nversion = \"1.0.0\"\n", to: folder + "/pack/pack.toml")
        CLI.write("[tables.campaign.keys]\nbrief_owner = { type = \"text\", doc = \"who owns the brief\" }\n", to: folder + "/pack/brief.schema.toml")
        CLI.write("rules = [\"pack\"]\n", to: folder + "/.accord.toml")
        let run = CLI.run(["schema"], cwd: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"brief_owner\""))
        #expect(!CLI.run(["schema", "--no-config"], cwd: folder).stdout.contains("\"brief_owner\""))
    }
}
