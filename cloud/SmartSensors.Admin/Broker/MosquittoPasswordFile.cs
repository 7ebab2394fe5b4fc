using System.Text;
using SmartSensors.Admin.Cli;
using SmartSensors.Admin.Files;

namespace SmartSensors.Admin.Broker;

/// <summary>
/// A mosquitto <c>password_file</c>: one <c>user:hash</c> per line. Lines we do not manage are kept exactly as they were; users are
/// added, replaced or removed by name. Read whole (it is small: one short line per account) with a size bound.
/// </summary>
internal sealed class MosquittoPasswordFile
{
    /// <summary>Refuse to read anything larger: a line is about 150 bytes, so 16 MiB is over 100,000 accounts.</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    private readonly List<string> _lines;

    private MosquittoPasswordFile(string path, List<string> lines)
    {
        Path = path;
        _lines = lines;
    }

    public string Path { get; }

    /// <summary>User names in file order.</summary>
    public IEnumerable<string> Users => _lines.Select(UserOf).OfType<string>();

    public static MosquittoPasswordFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new AdminException(ExitCodes.FileError,
                $"The mosquitto password file '{path}' does not exist. Create it first (empty is fine): sudo install -m 0640 -o root -g mosquitto /dev/null {path}");
        }

        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
            {
                throw new AdminException(ExitCodes.FileError, $"The mosquitto password file '{path}' is larger than {MaxBytes / (1024 * 1024)} MiB; is it the right file?");
            }

            var text = File.ReadAllText(path, Encoding.UTF8);
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return new MosquittoPasswordFile(path, lines);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new AdminException(ExitCodes.FileError, $"Cannot read the mosquitto password file '{path}': permission denied (run with sudo?).", ex);
        }
        catch (IOException ex)
        {
            throw new AdminException(ExitCodes.FileError, $"Cannot read the mosquitto password file '{path}': {ex.Message}", ex);
        }
    }

    public bool Contains(string user) => IndexOf(user) >= 0;

    /// <summary>The stored hash of <paramref name="user"/>, or null.</summary>
    public string? HashOf(string user)
    {
        var index = IndexOf(user);
        return index < 0 ? null : _lines[index][(user.Length + 1)..];
    }

    /// <summary>Adds <paramref name="user"/> or replaces its hash.</summary>
    public void Set(string user, string hash)
    {
        if (user.Contains(':', StringComparison.Ordinal) || user.AsSpan().ContainsAny('\n', '\r'))
        {
            throw new ArgumentException("A mosquitto user name cannot contain ':' or a line break.", nameof(user));
        }

        var line = $"{user}:{hash}";
        var index = IndexOf(user);
        if (index < 0)
        {
            _lines.Add(line);
        }
        else
        {
            _lines[index] = line;
        }
    }

    public bool Remove(string user)
    {
        var index = IndexOf(user);
        if (index < 0)
        {
            return false;
        }

        _lines.RemoveAt(index);
        return true;
    }

    /// <summary>Writes the file back in place (owner, group and mode kept; previous content in <c>.bak</c>).</summary>
    public void Save()
    {
        var text = new StringBuilder();
        foreach (var line in _lines)
        {
            text.Append(line).Append('\n');
        }

        try
        {
            SecureFile.Rewrite(Path, text.ToString());
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new AdminException(ExitCodes.FileError, $"Cannot write the mosquitto password file '{Path}': permission denied (run with sudo?).", ex);
        }
        catch (IOException ex)
        {
            throw new AdminException(ExitCodes.FileError, $"Cannot write the mosquitto password file '{Path}': {ex.Message}", ex);
        }
    }

    private int IndexOf(string user) => _lines.FindIndex(l => string.Equals(UserOf(l), user, StringComparison.Ordinal));

    private static string? UserOf(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : line[..colon];
    }
}
