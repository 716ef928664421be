using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Ecommerce.TestSupport;

namespace Ecommerce.Products.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class ProductApiTests(LocalEdge edge) : IDisposable
{
    private readonly ProductService _service = new(edge);
    private HttpClient Client => _client ??= _service.CreateClient();
    private HttpClient? _client;

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Creating_a_product_answers_201_with_its_location_id_and_etag()
    {
        var response = await Client.PostAsJsonAsync("/product", ProductRequests.Valid());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<ProductDto>();
        Assert.NotNull(created);
        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.Equal($"/product/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(("Aurora X", "A phone.", "aurora.png", 499.99m, "Phones"),
            (created.Name, created.Description, created.ImageFile, created.Price, created.Category));
    }

    [Fact]
    public async Task A_created_product_reads_back_with_the_same_fields_and_etag()
    {
        var created = await Client.CreateAsync(ProductRequests.Valid(price: 0.1m));

        var response = await Client.GetAsync($"/product/{created.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(created, await response.Content.ReadFromJsonAsync<ProductDto>());
    }

    [Fact]
    public async Task The_server_makes_the_id_and_ignores_one_sent_by_the_client()
    {
        var clientId = Guid.NewGuid().ToString();

        var created = await Client.CreateAsync(new { id = clientId, name = "N", price = 1m, category = "C" });

        Assert.NotEqual(clientId, created.Id);
    }

    [Theory]
    [InlineData("/product/6f1c6a3e-8a51-4a47-9d0e-2f4e9d1c0b7a")]
    [InlineData("/product/not-a-guid")]
    [InlineData("/product/..%2F..%2Fetc")]
    public async Task Getting_a_product_that_does_not_exist_is_a_404_problem(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await response.ReadProblemAsync()).Status);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"price":1,"category":"c"}""", "name" },
        { """{"name":null,"price":1,"category":"c"}""", "name" },
        { """{"name":"","price":1,"category":"c"}""", "name" },
        { """{"name":"   ","price":1,"category":"c"}""", "name" },
        { $$"""{"name":"{{new string('n', 201)}}","price":1,"category":"c"}""", "name" },
        { $$"""{"name":"n","description":"{{new string('d', 4001)}}","price":1,"category":"c"}""", "description" },
        { $$"""{"name":"n","imageFile":"{{new string('i', 1025)}}","price":1,"category":"c"}""", "imageFile" },
        { """{"name":"n","category":"c"}""", "price" },
        { """{"name":"n","price":-0.01,"category":"c"}""", "price" },
        { """{"name":"n","price":1000000.01,"category":"c"}""", "price" },
        { """{"name":"n","price":1.005,"category":"c"}""", "price" },
        { """{"name":"n","price":1}""", "category" },
        { $$"""{"name":"n","price":1,"category":"{{new string('c', 101)}}"}""", "category" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_product_is_a_400_with_the_field_in_errors_and_nothing_is_stored(string body, string field)
    {
        var response = await Client.PostAsync("/product", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.NotNull(problem.Errors);
        Assert.Contains(field, problem.Errors.Keys);
        Assert.Empty(await ListAllAsync("/product"));
    }

    [Fact]
    public async Task Values_at_the_limits_are_accepted()
    {
        var created = await Client.CreateAsync(new
        {
            name = new string('n', 200),
            description = new string('d', 4000),
            imageFile = new string('i', 1024),
            price = 1_000_000m,
            category = new string('c', 100),
        });
        var free = await Client.CreateAsync(new { name = "n", price = 0m, category = "c" });

        Assert.Equal(1_000_000m, created.Price);
        Assert.Equal(0m, free.Price);
    }

    [Theory]
    [InlineData("{\"name\": \"n\", ")]
    [InlineData("not json")]
    [InlineData("""{"name":"n","price":"cheap","category":"c"}""")]
    [InlineData("""{"name":42,"price":1,"category":"c"}""")]
    [InlineData("""{"name":"n","price":1e400,"category":"c"}""")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Malformed_or_mistyped_json_is_a_400_problem_never_a_500(string body)
    {
        var response = await Client.PostAsync("/product", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadProblemAsync()).Status);
        Assert.Empty(await ListAllAsync("/product"));
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_a_413_problem()
    {
        var body = $$"""{"name":"n","price":1,"category":"c","description":"{{new string('x', 1024 * 1024)}}"}""";

        var response = await PostLargeAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await response.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task A_body_that_is_not_json_content_is_a_415_problem()
    {
        var response = await Client.PostAsync("/product", new StringContent("name=n", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(415, (await response.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task Replacing_a_product_changes_its_fields_and_its_etag()
    {
        var created = await Client.CreateAsync(ProductRequests.Valid());

        var response = await Client.PutAsJsonAsync($"/product/{created.Id}", new { name = "Aurora Y", price = 10.5m, category = "Tablets" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var expected = new ProductDto(created.Id, "Aurora Y", null, null, 10.5m, "Tablets");
        Assert.Equal(expected, await response.Content.ReadFromJsonAsync<ProductDto>());
        Assert.Equal(expected, await Client.GetFromJsonAsync<ProductDto>($"/product/{created.Id}"));
    }

    [Fact]
    public async Task Replacing_a_product_that_does_not_exist_is_a_404_and_creates_nothing()
    {
        var id = Guid.NewGuid();

        var response = await Client.PutAsJsonAsync($"/product/{id}", ProductRequests.Valid());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await response.ReadProblemAsync()).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/product/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_replacement_is_a_400_and_changes_nothing()
    {
        var created = await Client.CreateAsync(ProductRequests.Valid());

        var response = await Client.PutAsJsonAsync($"/product/{created.Id}", new { name = "", price = -1m, category = "c" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(["name", "price"], problem.Errors!.Keys.Order());
        Assert.Equal(created, await Client.GetFromJsonAsync<ProductDto>($"/product/{created.Id}"));
    }

    [Fact]
    public async Task A_replacement_with_the_current_etag_in_if_match_succeeds()
    {
        var created = await Client.CreateAsync(ProductRequests.Valid());

        var response = await Client.SendAsync(Put(created.Id, "\"1\"", ProductRequests.Valid(name: "New")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"99\"")]
    [InlineData("W/\"2\"")]
    [InlineData("\"garbage\"")]
    [InlineData("garbage")]
    public async Task A_replacement_with_a_stale_or_foreign_etag_is_a_412_and_changes_nothing(string ifMatch)
    {
        var created = await Client.CreateAsync(ProductRequests.Valid());
        (await Client.PutAsJsonAsync($"/product/{created.Id}", ProductRequests.Valid(name: "Second"))).EnsureSuccessStatusCode();

        var response = await Client.SendAsync(Put(created.Id, ifMatch, ProductRequests.Valid(name: "Stale write")));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(412, (await response.ReadProblemAsync()).Status);
        var current = await Client.GetAsync($"/product/{created.Id}");
        Assert.Equal("\"2\"", current.Headers.ETag?.Tag);
        Assert.Equal("Second", (await current.Content.ReadFromJsonAsync<ProductDto>())!.Name);
    }

    [Fact]
    public async Task If_match_star_replaces_any_existing_product_but_never_creates_one()
    {
        var created = await Client.CreateAsync(ProductRequests.Valid());

        var existing = await Client.SendAsync(Put(created.Id, "*", ProductRequests.Valid(name: "Any")));
        var missing = await Client.SendAsync(Put(Guid.NewGuid().ToString(), "*", ProductRequests.Valid()));

        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Of_two_concurrent_writes_with_the_same_etag_exactly_one_wins()
    {
        var created = await Client.CreateAsync(ProductRequests.Valid());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Client.SendAsync(Put(created.Id, "\"1\"", ProductRequests.Valid(name: $"Writer {i}")))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        Assert.Equal("\"2\"", (await Client.GetAsync($"/product/{created.Id}")).Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Deleting_a_product_answers_204_and_it_is_gone()
    {
        var created = await Client.CreateAsync(ProductRequests.Valid());

        var deleted = await Client.DeleteAsync($"/product/{created.Id}");
        var again = await Client.DeleteAsync($"/product/{created.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/product/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(404, (await again.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task The_category_filter_pages_through_exactly_that_category()
    {
        var phones = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            phones.Add((await Client.CreateAsync(ProductRequests.Valid(name: $"Phone {i}", category: "Phones"))).Id);
        }

        for (var i = 0; i < 4; i++)
        {
            await Client.CreateAsync(ProductRequests.Valid(name: $"Tablet {i}", category: "Tablets"));
        }

        var pages = await ListPagesAsync("/product?category=Phones&limit=3");

        Assert.True(pages.Count >= 3, $"7 items at 3 a page take at least 3 pages, got {pages.Count}");
        Assert.All(pages, page => Assert.True(page.Items.Count <= 3));
        Assert.All(pages.SelectMany(p => p.Items), p => Assert.Equal("Phones", p.Category));
        Assert.Equal(phones.Order(), pages.SelectMany(p => p.Items).Select(p => p.Id).Order());
        Assert.Null(pages[^1].NextToken);
    }

    [Fact]
    public async Task The_plain_list_pages_through_every_product_once()
    {
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await Client.CreateAsync(ProductRequests.Valid(name: $"P {i}", category: $"C{i % 3}"))).Id);
        }

        var pages = await ListPagesAsync("/product?limit=4");

        Assert.True(pages.Count >= 2);
        Assert.Equal(ids.Order(), pages.SelectMany(p => p.Items).Select(p => p.Id).Order());
    }

    [Fact]
    public async Task The_default_page_holds_up_to_fifty_products()
    {
        for (var i = 0; i < 3; i++)
        {
            await Client.CreateAsync(ProductRequests.Valid(name: $"P {i}"));
        }

        var page = await Client.GetFromJsonAsync<ProductPageDto>("/product");

        Assert.Equal(3, page!.Items.Count);
        Assert.Null(page.NextToken);
    }

    [Theory]
    [InlineData("/product?limit=0", "limit")]
    [InlineData("/product?limit=101", "limit")]
    [InlineData("/product?limit=-5", "limit")]
    [InlineData("/product?nextToken=garbled", "nextToken")]
    [InlineData("/product?nextToken=eyJpZCI6IngifQ.AAAA", "nextToken")]
    [InlineData("/product?category=Phones&nextToken=abc.def", "nextToken")]
    public async Task A_bad_limit_or_token_is_a_400_problem_naming_the_parameter(string path, string field)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadProblemAsync()).Errors!.Keys);
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_a_400_problem()
    {
        var response = await Client.GetAsync("/product?limit=ten");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await response.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task A_token_from_one_list_is_refused_by_another()
    {
        for (var i = 0; i < 3; i++)
        {
            await Client.CreateAsync(ProductRequests.Valid(category: "Phones"));
        }

        var phones = await Client.GetFromJsonAsync<ProductPageDto>("/product?category=Phones&limit=1");
        Assert.NotNull(phones!.NextToken);

        var tablets = await Client.GetAsync($"/product?category=Tablets&limit=1&nextToken={Uri.EscapeDataString(phones.NextToken)}");
        var scan = await Client.GetAsync($"/product?limit=1&nextToken={Uri.EscapeDataString(phones.NextToken)}");
        var tampered = await Client.GetAsync($"/product?category=Phones&limit=1&nextToken={Uri.EscapeDataString("x" + phones.NextToken[1..])}");

        Assert.Equal(HttpStatusCode.BadRequest, tablets.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, scan.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await Client.GetAsync("/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task No_log_line_carries_a_stack_trace_after_bad_requests()
    {
        await Client.PostAsync("/product", Json("{bad"));
        await Client.GetAsync("/product?nextToken=garbled");
        await PostLargeAsync($$"""{"description":"{{new string('x', 1024 * 1024)}}"}""");

        Assert.DoesNotContain(_service.Logs.Lines, line => line.Contains("   at ", StringComparison.Ordinal));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>
    /// Posts a body over the limit with Expect: 100-continue, as curl sends large bodies: Kestrel refuses
    /// it before it is sent, instead of closing the connection on a client still writing it.
    /// </summary>
    private async Task<HttpResponseMessage> PostLargeAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/product") { Content = Json(body) };
        request.Headers.ExpectContinue = true;
        return await Client.SendAsync(request);
    }

    private static HttpRequestMessage Put(string id, string ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/product/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private async Task<List<ProductPageDto>> ListPagesAsync(string firstPath)
    {
        var pages = new List<ProductPageDto>();
        var path = firstPath;
        while (pages.Count < 50)
        {
            var page = await Client.GetFromJsonAsync<ProductPageDto>(path);
            pages.Add(page!);
            if (page!.NextToken is null)
            {
                return pages;
            }

            path = $"{firstPath}&nextToken={Uri.EscapeDataString(page.NextToken)}";
        }

        throw new InvalidOperationException("Paging did not end");
    }

    private async Task<List<ProductDto>> ListAllAsync(string path) =>
        [.. (await ListPagesAsync(path + "?limit=100")).SelectMany(p => p.Items)];
}
