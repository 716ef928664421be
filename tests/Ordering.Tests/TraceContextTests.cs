using System.Diagnostics;
using Ecommerce.Shared.Events;

namespace Ecommerce.Ordering.Tests;

/// <summary>The X-Ray trace header that carries a checkout's trace through EventBridge and SQS.</summary>
public sealed class TraceContextTests
{
    [Fact]
    public void A_span_written_as_a_trace_header_reads_back_as_the_same_trace_and_parent()
    {
        using var span = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C).Start();
        span.ActivityTraceFlags = ActivityTraceFlags.Recorded;

        var header = TraceContext.ToTraceHeader(span);
        var parent = TraceContext.ParentFrom(header);

        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$", header);
        Assert.Equal(span.TraceId, parent.TraceId);
        Assert.Equal(span.SpanId, parent.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, parent.TraceFlags);
        Assert.True(parent.IsRemote);
    }

    [Fact]
    public void AWSs_own_example_header_names_its_trace()
    {
        var parent = TraceContext.ParentFrom("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        Assert.Equal("5759e988bd862e3fe1be46a994272793", parent.TraceId.ToHexString());
        Assert.Equal("53995c3f42cd8ad8", parent.SpanId.ToHexString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=short")]
    [InlineData("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279z;Parent=53995c3f42cd8ad8")]
    [InlineData("garbage")]
    public void A_missing_or_malformed_header_gives_no_parent(string? header)
    {
        Assert.Equal(default, TraceContext.ParentFrom(header));
    }

    [Fact]
    public void No_span_makes_no_header() => Assert.Null(TraceContext.ToTraceHeader(null));
}
