using System.Text;

namespace SmartSensors.Admin.Files;

/// <summary>Writes files that hold secrets: created with mode 0600 from the start (never briefly world-readable), flushed to disk.</summary>
internal static class SecureFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with mode 0600 via a temporary file and a rename.</summary>
    public static void WriteAllText(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temporary, options))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Rewrites an existing file in place (same inode, so its owner, group and mode stay as the administrator set them,
    /// e.g. <c>root:mosquitto 0640</c>), after keeping the previous content in <c>{path}.bak</c> with mode 0600.
    /// </summary>
    public static void Rewrite(string path, string content)
    {
        WriteAllText(path + ".bak", File.ReadAllText(path));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
        stream.SetLength(0);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>An exclusive lock next to <paramref name="path"/> so two admin commands do not edit the same file at once.</summary>
    public static FileStream Lock(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException ex)
        {
            throw new Cli.AdminException(Cli.ExitCodes.FileError, $"'{path}' is being changed by another smartsensors-admin command (lock file '{path}.lock'); try again.", ex);
        }
    }
}
