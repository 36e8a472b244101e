using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Web.Tests.Support;

/// <summary>Writes the node's warnings and errors into the output of the test running now, where a failing test shows them.</summary>
internal sealed class TestOutputLoggerProvider(TestOutput output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestOutput output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            output.WriteLine($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}
