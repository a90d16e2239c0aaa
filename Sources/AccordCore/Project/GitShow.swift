#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as a git revision holds it, `REV:PATH`, read as `git show REV:PATH` does: for `accord diff`
/// to compare a brief with what it was.
package enum GitShow {
    /// `HEAD~1:briefs/spring.brief.toml` split at its first colon; nil for a plain path (one that
    /// exists as a file, or has no colon).
    package static func revision(of argument: String, from folder: String) -> (rev: String, path: String)? {
        guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex,
              FileSystem.kind(FileSystem.resolve(argument, from: folder)) == .missing else { return nil }
        return (String(argument[..<colon]), String(argument[argument.index(after: colon)...]))
    }

    /// The bytes of `path` at `rev`, run in `folder`; an error says why in git's words, or that git
    /// is not there.
    package static func read(rev: String, path: String, in folder: String) -> Result<[UInt8], FileReadError> {
        let shown = "\(rev):\(path)"
        // `git show REV:./PATH` reads PATH from the folder git runs in, as a user means it.
        let spec = rev + ":" + (path.hasPrefix("/") || path.hasPrefix("./") ? path : "./" + path)
        switch run(["git", "-C", folder, "show", spec]) {
        case .failure(let problem):
            return .failure(FileReadError(path: shown, reason: problem.reason))
        case .success(let (status, output, errors)):
            guard status == 0 else {
                let said = String(decoding: errors, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "git show failed"
                return .failure(FileReadError(path: shown, reason: said.hasPrefix("fatal: ") ? String(said.dropFirst(7)) : said))
            }
            return .success(output)
        }
    }

    /// Runs a program found on PATH and gathers its exit status, standard output and standard error.
    package struct Problem: Error {
        package let reason: String
    }

    package static func run(_ arguments: [String]) -> Result<(Int32, [UInt8], [UInt8]), Problem> {
        var out: [Int32] = [0, 0]
        var err: [Int32] = [0, 0]
        guard pipe(&out) == 0, pipe(&err) == 0 else { return .failure(Problem(reason: "cannot run git: \(SourceFile.describeErrno(errno))")) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        posix_spawn_file_actions_addclose(&actions, out[0])
        posix_spawn_file_actions_addclose(&actions, err[0])
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        close(out[1])
        close(err[1])
        defer { close(out[0]); close(err[0]) }
        guard spawned == 0 else {
            return .failure(Problem(reason: spawned == ENOENT ? "git is not installed (a REV:PATH argument is read with git show)"
                                                              : "cannot run git: \(SourceFile.describeErrno(spawned))"))
        }
        // Both pipes are read as they fill, so that neither blocks git while the other is read.
        var output: [UInt8] = []
        var errors: [UInt8] = []
        var open = [out[0], err[0]]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 || errno == EINTR else { break }
            for fd in fds where fd.revents != 0 {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd.fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if fd.fd == out[0] { output += buffer[0..<n] } else { errors += buffer[0..<n] }
                    if output.count > SourceFile.maxFileSize { kill(pid, SIGKILL) }
                } else if n == 0 || errno != EINTR {
                    open.removeAll { $0 == fd.fd }
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return .success((exited, output, errors))
    }
}
