namespace SmartSensors.Testing.Processes;

/// <summary>A throw-away directory under the system temp folder, deleted on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates a new empty directory whose name starts with <paramref name="prefix"/>.</summary>
    public TemporaryDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smartsensors-tests", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>Combines <paramref name="relative"/> with the directory.</summary>
    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a process may still be closing a file; the OS temp cleaner takes the rest
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
