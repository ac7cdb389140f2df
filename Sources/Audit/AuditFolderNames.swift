import Reports

/// Report folder names for the runs of an archive, derived from each run's path in the archive so
/// that every shard of a sharded audit names every run the same way (and a one-machine audit as
/// they do). A run's folder is its path with slashes as `__` (`team-a/bert` -> `team-a__bert`);
/// runs whose folders would be the same (runs sharing a folder, the same path under two roots, names
/// that differ only in case or in characters a file system cannot hold) each get `-` and eight
/// hexadecimal digits of their key's `StableHash` instead of a counter, which would depend on
/// which runs a shard saw first.
enum AuditFolderNames {
    /// Folder names stay within `RunFolderName`'s 100 bytes with the suffix added.
    static let suffixLength = 9
    static let maximumLength = 100

    static func assign(_ keys: [RunKey]) -> [String] {
        let bases = keys.map { RunFolderName.make($0.path.replacingOccurrences(of: "/", with: "__")) }
        var sharing: [String: Int] = [:]
        for base in bases { sharing[base.lowercased(), default: 0] += 1 }
        var used: Set<String> = []
        return zip(keys, bases).map { key, base in
            var name = sharing[base.lowercased()] == 1 ? base : cut(base) + "-" + StableHash.shortHex(key.text)
            // Two runs with the same key (never seen from discovery) still need telling apart; the
            // order is the discovery order every shard shares, and both land in the same shard.
            var n = 2
            let first = name
            while used.contains(name.lowercased()) {
                name = "\(first)-\(n)"
                n += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    /// `name` cut to leave room for the suffix, at a character boundary.
    static func cut(_ name: String) -> String {
        guard name.utf8.count > maximumLength - suffixLength else { return name }
        var out = ""
        for c in name {
            guard out.utf8.count + c.utf8.count <= maximumLength - suffixLength else { break }
            out.append(c)
        }
        return out
    }
}
