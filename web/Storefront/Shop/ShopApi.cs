using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// The shop's HTTP API (docs/api.md), on the app's own origin: /product, /basket, /order and /inventory. Every call answers
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
    public Task<ApiResult<Versioned<Product>>> ProductVersionAsync(string id) =>
        SendAsync(Get(ProductPath(id)), WithETag(StorefrontJson.Default.Product));

    public Task<ApiResult<Product>> AddProductAsync(ProductInput product) =>
        SendAsync(Send(HttpMethod.Post, "product", JsonContent.Create(product, StorefrontJson.Default.ProductInput)),
            Json(StorefrontJson.Default.Product));

    public Task<ApiResult<Product>> ReplaceProductAsync(string id, ProductInput product, string? etag) =>
        SendAsync(IfMatch(Send(HttpMethod.Put, ProductPath(id), JsonContent.Create(product, StorefrontJson.Default.ProductInput)), etag),
            Json(StorefrontJson.Default.Product));

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

    /// <summary>Every shopper's orders, for an admin; <paramref name="status"/> keeps one status, newest first.</summary>
    public Task<ApiResult<Page<Order>>> AllOrdersAsync(OrderStatus? status, string? nextToken) =>
        SendAsync(Get(WithQuery("order", ("limit", $"{PageSize}"), ("status", status?.ToString()), ("nextToken", nextToken))),
            Json(StorefrontJson.Default.PageOrder));

    public Task<ApiResult<Order>> OrderAsync(string userName, string orderId) =>
        SendAsync(Get(OrderPath(userName, orderId)), Json(StorefrontJson.Default.Order));

    /// <summary>Cancels an order not yet shipped; a cancelled order answers unchanged, a shipped one 409.</summary>
    public Task<ApiResult<Order>> CancelOrderAsync(string userName, string orderId) =>
        SendAsync(Send(HttpMethod.Post, $"{OrderPath(userName, orderId)}/cancel"), Json(StorefrontJson.Default.Order));

    /// <summary>Ships a Confirmed order (admin); any other status is a 409.</summary>
    public Task<ApiResult<Order>> ShipOrderAsync(string userName, string orderId) =>
        SendAsync(Send(HttpMethod.Post, $"{OrderPath(userName, orderId)}/ship"), Json(StorefrontJson.Default.Order));

    /// <summary>How many of each product can still be ordered, in one call; unknown products are left out.</summary>
    public async Task<ApiResult<IReadOnlyDictionary<string, int>>> AvailabilityAsync(IEnumerable<string> productIds)
    {
        var ids = productIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, int>();
        }

        // The commas stay as they are: they part the ids, each escaped on its own.
        var result = await SendAsync(Get($"inventory?productIds={string.Join(',', ids.Select(Uri.EscapeDataString))}"), Json(StorefrontJson.Default.Availability));
        return result.Succeeded
            ? result.Value.Items.ToDictionary(level => level.ProductId, level => level.Available, StringComparer.Ordinal)
            : result.Problem;
    }

    /// <summary>A product's stock as an admin sees it, with the ETag a later <see cref="SetStockAsync"/> sends back.</summary>
    public Task<ApiResult<Versioned<StockRecord>>> StockAsync(string productId) =>
        SendAsync(Get(StockPath(productId)), WithETag(StorefrontJson.Default.StockRecord));

    public Task<ApiResult<Versioned<StockRecord>>> SetStockAsync(string productId, int onHand, string? etag) =>
        SendAsync(IfMatch(Send(HttpMethod.Put, StockPath(productId), JsonContent.Create(new SetStockInput(onHand), StorefrontJson.Default.SetStockInput)), etag),
            WithETag(StorefrontJson.Default.StockRecord));

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

    private static Func<HttpResponseMessage, Task<Versioned<T>?>> WithETag<T>(JsonTypeInfo<T> type) =>
        async response => await response.Content.ReadFromJsonAsync(type) is { } value ? new Versioned<T>(value, response.Headers.ETag?.ToString()) : null;

    /// <summary>Makes the request conditional on the version read before, when one was.</summary>
    private static HttpRequestMessage IfMatch(HttpRequestMessage request, string? etag)
    {
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return request;
    }

    private static HttpRequestMessage Get(string path) => Send(HttpMethod.Get, path);

    private static HttpRequestMessage Send(HttpMethod method, string path, HttpContent? content = null) =>
        new(method, new Uri(path, UriKind.Relative)) { Content = content };

    private static string ProductPath(string id) => $"product/{Uri.EscapeDataString(id)}";

    private static string BasketPath(string userName) => $"basket/{Uri.EscapeDataString(userName)}";

    private static string OrderPath(string userName, string orderId) => $"order/{Uri.EscapeDataString(userName)}/{Uri.EscapeDataString(orderId)}";

    private static string StockPath(string productId) => $"inventory/{Uri.EscapeDataString(productId)}";

    /// <summary>The path with the parameters that have a value.</summary>
    private static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}

/// <summary>A record as read, with the ETag of that version, which a later change sends back in If-Match.</summary>
public sealed record Versioned<T>(T Value, string? ETag);
