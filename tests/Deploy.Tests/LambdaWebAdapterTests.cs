namespace Ecommerce.Deploy.Tests;

/// <summary>The reading of LWA's status lists matches LWA's own cases (src/lib.rs, test_parse_status_codes).</summary>
public sealed class LambdaWebAdapterTests
{
    [Theory]
    [InlineData("500,502-504,422", new[] { 422, 500, 502, 503, 504 })]
    [InlineData("500, 502-504, 422", new[] { 422, 500, 502, 503, 504 })]
    [InlineData("500-502", new[] { 500, 501, 502 })]
    [InlineData("invalid", new int[0])]
    [InlineData("500-invalid", new int[0])]
    [InlineData("200-300-400", new int[0])]
    [InlineData("", new int[0])]
    public void Status_lists_read_as_lambda_web_adapter_reads_them(string value, int[] expected)
    {
        Assert.Equal(expected, LambdaWebAdapter.ParseStatusCodes(value).Order());
    }
}
