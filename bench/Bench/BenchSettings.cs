namespace Ecommerce.Bench;

/// <summary>How long and how hard: the full run, or --quick (a smoke run of the harness, not figures to quote).</summary>
internal sealed record BenchSettings(bool Quick)
{
    public int ColdStarts => Quick ? 3 : 30;

    public int KnobStarts => Quick ? 2 : 5;

    /// <summary>Starts of each program at each CPU share (section 1b).</summary>
    public int ScaleStarts => Quick ? 1 : 9;

    public int Connections { get; init; } = 16;

    public TimeSpan WarmUp => TimeSpan.FromSeconds(Quick ? 1 : 3);

    public TimeSpan SerialDuration => TimeSpan.FromSeconds(Quick ? 2 : 5);

    public TimeSpan LoadDuration => TimeSpan.FromSeconds(Quick ? 3 : 10);

    /// <summary>Rounds of section 2b's side-by-side windows, one of each program a round.</summary>
    public int SideBySideRounds => Quick ? 2 : 8;

    public TimeSpan SideBySideWindow => TimeSpan.FromSeconds(Quick ? 1 : 3);

    public int PipelineCheckouts => Quick ? 100 : 500;

    /// <summary>Checkouts per second of the paced pipeline run.</summary>
    public int PipelineRate { get; init; } = 50;

    /// <summary>Product changes per second of the steady freshness phase.</summary>
    public int FreshnessRate { get; init; } = 50;

    public int FreshnessSteadySeconds => Quick ? 4 : 20;

    /// <summary>Changes of the freshness burst, one per product (the products it creates).</summary>
    public int FreshnessBurst => Quick ? 100 : 500;

    /// <summary>Lambda's memory for every function, as deploy/DeploySettings.cs sets it by default (MB).</summary>
    public int LambdaMemoryMb { get; init; } = 256;
}
