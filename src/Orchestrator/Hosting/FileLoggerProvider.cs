using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Orchestrator.Hosting;

/// <summary>
/// Writes log lines to a file. The verbs that draw a live view (run, watch) send the engine's log here instead of the
/// console, where a warning would tear the view apart; the file is named when the verb starts.
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter writer;
    private readonly LogLevel minimum;
    private readonly Lock gate = new();

    public FileLoggerProvider(string path, LogLevel minimum)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        this.minimum = minimum;
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (gate)
            writer.Dispose();
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{TimeProvider.System.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {level} {category}: {message}");
        lock (gate)
        {
            writer.WriteLine(line);
            if (exception is not null)
                writer.WriteLine(exception);
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                provider.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
