using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// The shop's HTTP API (docs/api.md), on the app's own origin: /product, /basket and /order. Every call answers
/// an <see cref="ApiResult{T}"/>; nothing here throws for a status code or a lost connection.
/// </summary>
public sealed class ShopApi(HttpClient http)
{
    public const int PageSize = 12;

    public Task<ApiResult<Page<Product>>> ProductsAsync(string? category, string? nextToken) =>
        SendAsync(Get(WithQuery("product", ("limit", $"{PageSize}"), ("category", category), ("nextToken", nextToken))),
            Json(StorefrontJson.Default.PageProduct));

    public Task<ApiResult<Product>> ProductAsync(string id) =>
        SendAsync(Get(ProductPath(id)), Json(StorefrontJson.Default.Product));

    /// <summary>A product with its ETag, which a later <see cref="ReplaceProductAsync"/> sends back in If-Match.</summary>
    public Task<ApiResult<ProductVersion>> ProductVersionAsync(string id) =>
        SendAsync(Get(ProductPath(id)), async response =>
            new ProductVersion((await Json(StorefrontJson.Default.Product)(response))!, response.Headers.ETag?.ToString()));

    public Task<ApiResult<Product>> AddProductAsync(ProductInput product) =>
        SendAsync(Send(HttpMethod.Post, "product", JsonContent.Create(product, StorefrontJson.Default.ProductInput)),
            Json(StorefrontJson.Default.Product));

    public Task<ApiResult<Product>> ReplaceProductAsync(string id, ProductInput product, string? etag)
    {
        var request = Send(HttpMethod.Put, ProductPath(id), JsonContent.Create(product, StorefrontJson.Default.ProductInput));
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return SendAsync(request, Json(StorefrontJson.Default.Product));
    }

    public Task<ApiResult<bool>> DeleteProductAsync(string id) =>
        SendAsync(Send(HttpMethod.Delete, ProductPath(id)), _ => Task.FromResult(true));

    /// <summary>The user's basket; a user who has none has an empty one.</summary>
    public async Task<ApiResult<Basket>> BasketAsync(string userName)
    {
        var result = await SendAsync(Get(BasketPath(userName)), Json(StorefrontJson.Default.Basket));
        return result.Problem?.Status == (int)HttpStatusCode.NotFound ? new Basket(userName, [], 0m) : result;
    }

    /// <summary>Replaces the user's basket; the answer is the basket priced by the catalogue.</summary>
    public Task<ApiResult<Basket>> SaveBasketAsync(BasketInput basket) =>
        SendAsync(Send(HttpMethod.Post, "basket", JsonContent.Create(basket, StorefrontJson.Default.BasketInput)),
            Json(StorefrontJson.Default.Basket));

    /// <summary>Checks the basket out. A retry with the same <paramref name="idempotencyKey"/> places the order at most once.</summary>
    public Task<ApiResult<CheckoutAccepted>> CheckoutAsync(CheckoutInput checkout, string idempotencyKey)
    {
        var request = Send(HttpMethod.Post, "basket/checkout", JsonContent.Create(checkout, StorefrontJson.Default.CheckoutInput));
        request.Headers.Add(IdempotencyKey.Header, idempotencyKey);
        return SendAsync(request, Json(StorefrontJson.Default.CheckoutAccepted));
    }

    public Task<ApiResult<Page<Order>>> OrdersAsync(string userName, string? nextToken) =>
        SendAsync(Get(WithQuery($"order/{Uri.EscapeDataString(userName)}", ("nextToken", nextToken))),
            Json(StorefrontJson.Default.PageOrder));

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, Func<HttpResponseMessage, Task<T?>> read)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                if (!response.IsSuccessStatusCode)
                {
                    return await ApiProblem.ReadAsync(response);
                }

                return await read(response) is { } value ? value : ApiProblem.Of((int)response.StatusCode, "The answer had no body.");
            }
        }
        catch (HttpRequestException)
        {
            return ApiProblem.Unreachable;
        }
    }

    private static Func<HttpResponseMessage, Task<T?>> Json<T>(JsonTypeInfo<T> type) =>
        response => response.Content.ReadFromJsonAsync(type);

    private static HttpRequestMessage Get(string path) => Send(HttpMethod.Get, path);

    private static HttpRequestMessage Send(HttpMethod method, string path, HttpContent? content = null) =>
        new(method, new Uri(path, UriKind.Relative)) { Content = content };

    private static string ProductPath(string id) => $"product/{Uri.EscapeDataString(id)}";

    private static string BasketPath(string userName) => $"basket/{Uri.EscapeDataString(userName)}";

    /// <summary>The path with the parameters that have a value.</summary>
    private static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}

/// <summary>A product as read, with the ETag of that version.</summary>
public sealed record ProductVersion(Product Product, string? ETag);
