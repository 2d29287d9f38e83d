using System.Diagnostics;
using System.Net.Sockets;

namespace GaiaX.Oid4vc.Testing;

/// <summary>
/// A throw-away <c>redis-server</c> on a free loopback port, without persistence, in a temp folder.
/// <see cref="DisposeAsync"/> kills it and removes the folder.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private int _disposed;

    private RedisTestServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    /// <summary>The redis-server process (a load run reads its CPU).</summary>
    public int ProcessId => _process.Id;

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static Task<RedisTestServer> StartAsync() => TestServiceHost.OnFreePortAsync(StartAsync);

    private static async Task<RedisTestServer> StartAsync(int port)
    {
        var executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var directory = Directory.CreateTempSubdirectory("gaiax-redis-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var argument in new[]
            {
                "--port",
                port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory,
                "--daemonize",
                "no",
            }
        )
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        // Kept so a failed start says why (redis-server writes "Address already in use" when the
        // probed port was taken meanwhile, which makes the caller probe another port).
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        DataReceivedEventHandler keep = (_, line) =>
        {
            if (line.Data is not null && output.Count < 50)
            {
                output.Enqueue(line.Data);
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisTestServer(process, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        // Ready when it accepts a connection while still running: a connection accepted after it
        // exited belongs to whoever took the port first.
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port).ConfigureAwait(false);
                if (!process.HasExited)
                {
                    return server;
                }
            }
            catch (SocketException)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
        }
        await server.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"redis-server did not accept connections on port {port}: {string.Join(" | ", output)}");
    }

    /// <summary>Stops the server (an outage, when a test calls it early); calling it again does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
