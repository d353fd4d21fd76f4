namespace ProcessorGateway.Server.Development;

/// <summary>Writes a file that only its owner may read (mode 0600), and that is never readable by others on the way.</summary>
internal static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates a new file beside <paramref name="path"/> with mode 0600 from its first byte (open(2) with that mode,
    /// not chmod after writing), then renames it over <paramref name="path"/>: an older file, whatever its mode, is
    /// replaced whole, and a reader sees the old contents or the new, never a part.
    /// </summary>
    public static async Task WriteAsync(string path, string contents, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, NewFileOptions());
            await using (stream.ConfigureAwait(false))
            {
                var writer = new StreamWriter(stream);
                await using (writer.ConfigureAwait(false))
                {
                    await writer.WriteAsync(contents.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A file that must not exist yet, mode 0600 from its first byte; for a directory nobody else can see into yet.</summary>
    public static void CreateNew(string path, ReadOnlySpan<byte> contents)
    {
        using var stream = new FileStream(path, NewFileOptions());
        stream.Write(contents);
    }

    private static FileStreamOptions NewFileOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return options;
    }
}
