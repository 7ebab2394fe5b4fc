using Microsoft.Data.Sqlite;

namespace SmartSensors.Cloud.Hosting;

/// <summary>Opens the cloud's SQLite stores (alerts, dead letters): one file each, its directory created, one
/// unpooled connection kept by the store, and the store's own pragmas and schema run once.</summary>
internal static class SqliteDatabase
{
    public static SqliteConnection Open(string path, string setupSql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(setupSql);
        SQLitePCL.Batteries_V2.Init();
        var fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var setup = connection.CreateCommand();
            setup.CommandText = setupSql;
            setup.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
