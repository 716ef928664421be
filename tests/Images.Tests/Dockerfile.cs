using System.Text;
using Ecommerce.TestSupport;

namespace Ecommerce.Images.Tests;

/// <summary>One instruction of a Dockerfile, with its continuation lines joined.</summary>
internal sealed record Instruction(string Keyword, string Arguments);

/// <summary>A build stage: its FROM and the instructions after it.</summary>
internal sealed record Stage(string From, IReadOnlyList<Instruction> Instructions)
{
    public IEnumerable<string> ArgumentsOf(string keyword) =>
        Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>The variables the stage's ENV instructions set (the <c>NAME=value</c> form).</summary>
    public IReadOnlyDictionary<string, string> Environment() => ArgumentsOf("ENV")
        .SelectMany(arguments => arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        .Select(pair => pair.Split('=', 2))
        .Where(pair => pair.Length == 2)
        .ToDictionary(pair => pair[0], pair => pair[1].Trim('"'), StringComparer.Ordinal);
}

/// <summary>Just enough of the Dockerfile syntax to check what the images promise: stages and instructions.</summary>
internal sealed class Dockerfile
{
    private Dockerfile(string name, IReadOnlyList<Stage> stages) => (Name, Stages) = (name, stages);

    public string Name { get; }

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>The stage the image is made of.</summary>
    public Stage Final => Stages[^1];

    public static Dockerfile ForService(string service) => Parse($"Dockerfile.{service}");

    public static Dockerfile Parse(string name)
    {
        var stages = new List<Stage>();
        List<Instruction>? current = null;
        string? from = null;
        foreach (var instruction in Instructions(File.ReadAllLines(RepositoryRoot.Combine(name))))
        {
            if (instruction.Keyword == "FROM")
            {
                if (from is not null)
                {
                    stages.Add(new Stage(from, current!));
                }

                (from, current) = (instruction.Arguments, []);
            }
            else
            {
                current?.Add(instruction);
            }
        }

        if (from is not null)
        {
            stages.Add(new Stage(from, current!));
        }

        return new Dockerfile(name, stages);
    }

    private static IEnumerable<Instruction> Instructions(IEnumerable<string> lines)
    {
        var pending = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            var continues = line.EndsWith('\\');
            pending.Append(continues ? line[..^1] : line).Append(' ');
            if (continues)
            {
                continue;
            }

            var text = pending.ToString().Trim();
            pending.Clear();
            if (text.Length == 0)
            {
                continue;
            }

            var space = text.IndexOfAny([' ', '\t']);
            yield return space < 0
                ? new Instruction(text.ToUpperInvariant(), "")
                : new Instruction(text[..space].ToUpperInvariant(), string.Join(' ', text[(space + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        }
    }
}
