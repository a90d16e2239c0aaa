/// What the intake accepts as an answer, read from the rule packs' schema and data: goals, business
/// objectives, markets by code or name, languages, platforms, and each market's usual language,
/// time zone, currency and disclosure label (the defaults it offers).
package struct IntakeVocabulary: Sendable {
    package struct Market: Sendable {
        package let code: String
        /// The market's names in English and Russian, lower case, without a leading "the ".
        package let names: [String]
        package let language: String?
        package let timezone: String?
        package let label: String?
    }

    package let goals: [String]
    /// Goals by their names in the rules' languages ("охват" → reach).
    package let goalNames: [String: String]
    package let objectives: [String]
    /// Business objectives by their names in the rules' languages ("выручка" → revenue).
    package let objectiveNames: [String: String]
    package let markets: [String: Market]
    package let languages: [String]
    package let languageNames: [String: String]
    package let platforms: [String]
    package let metricKinds: [String]
    package let deliverableKinds: [String]

    package init(rules: RuleSet) {
        let data = rules.data.mapValue
        func table(_ key: String) -> ValueMap? { data?[key]?.mapValue }
        func strings(_ v: Value?) -> [String] { v?.listValue?.items.compactMap(\.stringValue) ?? [] }

        goals = rules.schema.scalars["goal"]?.values ?? []
        metricKinds = rules.schema.scalars["metric_kind"]?.values ?? ["outcome", "output"]
        deliverableKinds = rules.schema.scalars["deliverable_kind"]?.values ?? []
        let goalData = table("goals")
        objectives = goalData?["objective_names"]?.mapValue?.stringKeys ?? []
        /// Keys by their names in every table of data.goals whose name starts with `prefix`.
        func named(_ prefix: String) -> [String: String] {
            var names: [String: String] = [:]
            for key in goalData?.stringKeys ?? [] where key.hasPrefix(prefix) {
                guard let map = goalData?[key]?.mapValue else { continue }
                for k in map.stringKeys { if let name = map[k]?.stringValue { names[name.lowercased()] = k } }
            }
            return names
        }
        goalNames = named("names")
        objectiveNames = named("objective_names")

        var languageNames: [String: String] = [:]
        let languageData = table("languages")
        languages = languageData?.stringKeys ?? []
        for code in languages {
            guard let entry = languageData?[code]?.mapValue else { continue }
            for key in entry.stringKeys where key.hasPrefix("name") {
                if let name = entry[key]?.stringValue { languageNames[name.lowercased()] = code }
            }
        }
        self.languageNames = languageNames

        var markets: [String: Market] = [:]
        var platforms: Set<String> = []
        let profiles = table("markets")
        for code in table("holidays")?.stringKeys ?? [] {
            let calendar = table("holidays")?[code]?.mapValue
            let profile = profiles?[code]?.mapValue
            let marketNames = ["name", "name_ru"].compactMap { calendar?[$0]?.stringValue ?? profile?[$0]?.stringValue }
                .map { name -> String in
                    let lower = name.lowercased()
                    return lower.hasPrefix("the ") ? String(lower.dropFirst(4)) : lower
                }
            markets[code] = Market(code: code, names: marketNames, language: strings(profile?["languages"]).first,
                                   timezone: profile?["timezone"]?.stringValue,
                                   label: profile?["disclosure"]?.mapValue?["label"]?.stringValue)
            for platform in profile?["platforms"]?.mapValue?.stringKeys ?? [] { platforms.insert(platform) }
        }
        for code in profiles?.stringKeys ?? [] where markets[code] == nil {
            let profile = profiles?[code]?.mapValue
            markets[code] = Market(code: code, names: [profile?["name"]?.stringValue?.lowercased() ?? code.lowercased()],
                                   language: strings(profile?["languages"]).first, timezone: profile?["timezone"]?.stringValue,
                                   label: profile?["disclosure"]?.mapValue?["label"]?.stringValue)
        }
        self.markets = markets
        self.platforms = platforms.sorted()
    }

    /// A market's code from its code or one of its names, in any case.
    package func market(_ text: String) -> String? {
        let upper = text.uppercased()
        if markets[upper] != nil { return upper }
        let lower = text.lowercased()
        return markets.values.first { $0.names.contains(lower) }?.code
    }

    /// Platforms as Russian speakers write them, for the intake's answers.
    package static let platformNames: [String: String] = [
        "инстаграм": "instagram", "инстаграмм": "instagram", "тикток": "tiktok", "ютуб": "youtube", "ютьюб": "youtube",
        "телеграм": "telegram", "телеграмм": "telegram", "вк": "vk", "вконтакте": "vk", "рутуб": "rutube",
        "дзен": "dzen", "одноклассники": "ok", "фейсбук": "facebook", "твиттер": "x", "твич": "twitch",
    ]

    /// The currency (ISO 4217) a market usually budgets in, for the default the intake offers.
    package static func currency(of market: String) -> String? {
        switch market {
        case "US": return "USD"
        case "RU": return "RUB"
        case "GB": return "GBP"
        case "DE", "FR", "IT", "ES", "NL", "BE", "AT", "PT", "IE", "FI", "GR": return "EUR"
        case "JP": return "JPY"
        case "CN": return "CNY"
        case "IN": return "INR"
        case "BR": return "BRL"
        case "CA": return "CAD"
        case "AU": return "AUD"
        case "MX": return "MXN"
        case "KR": return "KRW"
        case "KZ": return "KZT"
        case "PL": return "PLN"
        case "CH": return "CHF"
        case "AE": return "AED"
        case "AR": return "ARS"
        case "ID": return "IDR"
        case "TR": return "TRY"
        case "SE": return "SEK"
        default: return nil
        }
    }
}
