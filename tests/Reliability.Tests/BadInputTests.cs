using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ecommerce.Reliability.Tests;

/// <summary>A shop of its own for the bad-input suite, with one product and one basket to aim at.</summary>
public sealed class BadInputShop : ShopFixture
{
    public string ProductId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ProductId = await Shop.CreateProductAsync(new { name = "Aurora X", price = 499.99m, category = "Phones" });
        await Shop.PostAsync<JsonElement>(Shop.Baskets, "/basket", new { userName = "ada", items = new[] { new { productId = ProductId, quantity = 1 } } });
    }
}

/// <summary>
/// Every write route of every service, and the query and path values of the reads, fed what a
/// careless or hostile client sends. Each answer must be a 4xx problem that gives nothing away,
/// the service must stay healthy, and nothing stored may change.
/// </summary>
public sealed class BadInputTests(BadInputShop fixture) : IClassFixture<BadInputShop>
{
    private Shop Shop => fixture.Shop;

    public static TheoryData<string> Cases => [.. BadInputCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_4xx_problem_without_internals_and_changes_nothing(string name)
    {
        var bad = BadInputCases.All[name];
        var client = bad.Service switch { "product" => Shop.Products, "basket" => Shop.Baskets, _ => Shop.Orders };
        var before = await Shop.SnapshotAsync();

        using var response = await client.SendAsync(bad.ToRequest(fixture.ProductId));

        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500, $"{name}: answered {status} {body}");
        if (bad.Status is { } expected)
        {
            Assert.Equal(expected, status);
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        AssertNoInternals(body);
        if (bad.Field is { } field)
        {
            Assert.Contains(field, problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(before, await Shop.SnapshotAsync());
    }

    [Theory]
    [InlineData("\u200FRTL mark")]
    [InlineData("\u202Eoverride")]
    [InlineData("emoji \uD83D\uDCF1 phone")]
    [InlineData("zero\u200Dwidth joiner")]
    [InlineData("e\u0301 combining accent")]
    [InlineData("\uFEFFbyte order mark")]
    [InlineData("日本語の名前")]
    public async Task Odd_but_printable_unicode_is_stored_and_read_back_exactly(string name)
    {
        using var created = await Shop.Products.PostAsJsonAsync("/product", new { name, description = "line one\nline two\ttabbed", price = 1m, category = name });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var read = await Shop.Products.GetFromJsonAsync<JsonElement>($"/product/{id}");
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal(name, read.GetProperty("category").GetString());
        Assert.Equal("line one\nline two\ttabbed", read.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await Shop.Products.DeleteAsync($"/product/{id}")).StatusCode);
    }

    private void AssertNoInternals(string body)
    {
        foreach (var secret in new[] { "Exception", "   at ", "Ecommerce.", "Amazon", "System.", "Microsoft.", "dynamo", "SwnEventBus", Shop.Suffix, "127.0.0.1", "localhost" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(body.Length < 2048, $"The problem is {body.Length} characters long; does it echo the input? {body[..Math.Min(body.Length, 200)]}");
    }
}

/// <summary>One bad request: where it goes, what it carries, and the answer expected when one is.</summary>
public sealed record BadInput(string Service, string Method, string Path, string? Body = null, string? ContentType = "application/json", int? Status = null, string? Field = null)
{
    public bool Chunked { get; init; }

    public HttpRequestMessage ToRequest(string productId)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path.Replace("{id}", productId, StringComparison.Ordinal));
        if (Body is not null)
        {
            HttpContent content = Chunked
                ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Body)))
                : new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }

            if (Chunked)
            {
                request.Headers.TransferEncodingChunked = true;
            }

            // As curl does for large bodies: the server can refuse before the body is sent, instead of
            // closing the connection on a client that is still writing it.
            request.Headers.ExpectContinue = Body.Length > Ecommerce.Shared.Hosting.ServiceDefaultsExtensions.MaxRequestBodyBytes;
            request.Content = content;
        }

        return request;
    }
}
