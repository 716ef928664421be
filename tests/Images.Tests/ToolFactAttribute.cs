namespace Ecommerce.Images.Tests;

/// <summary>
/// A fact that needs a command-line tool: skipped, saying how to get it, where the tool is not on PATH.
/// CI has it (build/test.sh installs it).
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool)
    {
        if (!OnPath(tool))
        {
            Skip = $"'{tool}' is not on PATH (apt-get install {tool})";
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool)));
}
