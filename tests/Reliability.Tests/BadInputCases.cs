namespace Ecommerce.Reliability.Tests;

/// <summary>
/// The table of bad requests, by name. JSON values are written raw, so that the escapes a client
/// could send (lone surrogates, NUL) reach the server as sent.
/// </summary>
public static class BadInputCases
{
    private const string Missing = "<missing>";
    private const string Json = "application/json";

    private static readonly string Huge = new('x', 100_000);
    private static readonly string Long2K = new('a', 2048);

    /// <summary>Raw JSON values of every text field that must not hold control characters or broken UTF-16.</summary>
    private static readonly (string Name, string Raw)[] BadText =
    [
        ("nul", "\"a\\u0000b\""),
        ("bell", "\"a\\u0007b\""),
        ("escape_sequence", "\"\\u001b[31mred\""),
        ("delete", "\"a\\u007fb\""),
        ("c1_next_line", "\"a\\u0085b\""),
        ("lone_high_surrogate", "\"a\\ud800b\""),
        ("lone_low_surrogate", "\"a\\udc00b\""),
        ("reversed_surrogates", "\"\\udc00\\ud800\""),
    ];

    public static IReadOnlyDictionary<string, BadInput> All { get; } = Build();

    private static Dictionary<string, BadInput> Build()
    {
        var cases = new Dictionary<string, BadInput>();
        void Add(string name, BadInput input) => cases.Add(name, input);

        AddBodyCases(cases, "product_create", "product", "POST", "/product", Product);
        AddBodyCases(cases, "product_replace", "product", "PUT", "/product/{id}", Product);
        AddBodyCases(cases, "basket_save", "basket", "POST", "/basket", Basket);
        AddBodyCases(cases, "checkout", "basket", "POST", "/basket/checkout", Checkout);

        // Product fields.
        foreach (var (route, method, path) in new[] { ("product_create", "POST", "/product"), ("product_replace", "PUT", "/product/{id}") })
        {
            foreach (var field in new[] { "name", "price", "category" })
            {
                Add($"{route}_missing_{field}", new("product", method, path, Product(field, Missing), Field: field));
                Add($"{route}_null_{field}", new("product", method, path, Product(field, "null"), Field: field));
            }

            Add($"{route}_empty_name", new("product", method, path, Product("name", "\"\""), Field: "name"));
            Add($"{route}_empty_category", new("product", method, path, Product("category", "\"\""), Field: "category"));
            Add($"{route}_name_201_chars", new("product", method, path, Product("name", Quote(new string('n', 201))), Field: "name"));
            Add($"{route}_name_100k_chars", new("product", method, path, Product("name", Quote(Huge)), Field: "name"));
            Add($"{route}_description_4001_chars", new("product", method, path, Product("description", Quote(new string('d', 4001))), Field: "description"));
            Add($"{route}_image_file_1025_chars", new("product", method, path, Product("imageFile", Quote(new string('i', 1025))), Field: "imageFile"));
            Add($"{route}_category_101_chars", new("product", method, path, Product("category", Quote(new string('c', 101))), Field: "category"));
            Add($"{route}_name_a_number", new("product", method, path, Product("name", "123")));
            Add($"{route}_name_an_object", new("product", method, path, Product("name", "{}")));
            Add($"{route}_category_an_array", new("product", method, path, Product("category", "[\"a\"]")));
            Add($"{route}_price_a_string", new("product", method, path, Product("price", "\"12\"")));
            Add($"{route}_price_a_boolean", new("product", method, path, Product("price", "true")));
            Add($"{route}_price_negative", new("product", method, path, Product("price", "-1"), Field: "price"));
            Add($"{route}_price_a_tenth_of_a_cent", new("product", method, path, Product("price", "0.001"), Field: "price"));
            Add($"{route}_price_over_a_million", new("product", method, path, Product("price", "1000000.01"), Field: "price"));
            Add($"{route}_price_1e30", new("product", method, path, Product("price", "1e30")));
            Add($"{route}_price_beyond_decimal", new("product", method, path, Product("price", "79228162514264337593543950336")));
            Add($"{route}_price_1e400", new("product", method, path, Product("price", "1e400")));
            Add($"{route}_price_nan_text", new("product", method, path, Product("price", "\"NaN\"")));
            foreach (var field in new[] { "name", "category", "description", "imageFile" })
            {
                foreach (var (kind, raw) in BadText)
                {
                    Add($"{route}_{field}_{kind}", new("product", method, path, Product(field, raw), Status: 400));
                }
            }
        }

        // Product ids in the path.
        foreach (var method in new[] { "GET", "PUT", "DELETE" })
        {
            var body = method == "PUT" ? Product("name", "\"N\"") : null;
            var verb = method.ToLowerInvariant();
            Add($"product_{verb}_id_not_a_guid", new("product", method, "/product/not-a-guid", body, Status: 404));
            Add($"product_{verb}_id_unknown_guid", new("product", method, "/product/" + Guid.NewGuid(), body, Status: 404));
            Add($"product_{verb}_id_with_dots", new("product", method, "/product/a.b.c", body, Status: 404));
            Add($"product_{verb}_id_with_slashes", new("product", method, "/product/a/b/c", body, Status: 404));
            Add($"product_{verb}_id_with_encoded_slash", new("product", method, "/product/a%2Fb", body, Status: 404));
            Add($"product_{verb}_id_of_2k", new("product", method, "/product/" + Long2K, body, Status: 404));
            Add($"product_{verb}_id_then_guid_with_dots", new("product", method, "/product/../product/{id}x", body, Status: 404));
        }

        Add("product_delete_with_unknown_query_and_unknown_id", new("product", "DELETE", $"/product/{Guid.NewGuid()}?force=true&id={{id}}", Status: 404));

        // Product list query.
        foreach (var (kind, query, field) in ListQueries())
        {
            Add($"product_list_{kind}", new("product", "GET", "/product?" + query, Status: 400, Field: field));
        }

        Add("product_list_category_empty", new("product", "GET", "/product?category=", Status: 400, Field: "category"));
        Add("product_list_category_101_chars", new("product", "GET", "/product?category=" + new string('c', 101), Status: 400, Field: "category"));
        Add("product_list_category_2k", new("product", "GET", "/product?category=" + Long2K, Status: 400, Field: "category"));
        Add("product_list_category_with_nul", new("product", "GET", "/product?category=a%00b", Status: 400, Field: "category"));
        Add("product_list_category_with_escape", new("product", "GET", "/product?category=%1B%5B31m", Status: 400, Field: "category"));

        // Basket fields.
        Add("basket_save_missing_user_name", new("basket", "POST", "/basket", Basket("userName", Missing), Field: "userName"));
        Add("basket_save_null_user_name", new("basket", "POST", "/basket", Basket("userName", "null"), Field: "userName"));
        Add("basket_save_empty_user_name", new("basket", "POST", "/basket", Basket("userName", "\"\""), Field: "userName"));
        Add("basket_save_user_name_101_chars", new("basket", "POST", "/basket", Basket("userName", Quote(new string('u', 101))), Field: "userName"));
        Add("basket_save_user_name_100k_chars", new("basket", "POST", "/basket", Basket("userName", Quote(Huge)), Field: "userName"));
        Add("basket_save_user_name_a_number", new("basket", "POST", "/basket", Basket("userName", "42")));
        Add("basket_save_missing_items", new("basket", "POST", "/basket", Basket("items", Missing), Field: "items"));
        Add("basket_save_null_items", new("basket", "POST", "/basket", Basket("items", "null"), Field: "items"));
        Add("basket_save_items_an_object", new("basket", "POST", "/basket", Basket("items", "{}")));
        Add("basket_save_items_a_string", new("basket", "POST", "/basket", Basket("items", "\"p1\"")));
        Add("basket_save_a_null_item", new("basket", "POST", "/basket", Basket("items", "[null]"), Status: 400));
        Add("basket_save_an_item_that_is_a_number", new("basket", "POST", "/basket", Basket("items", "[1]")));
        Add("basket_save_101_items", new("basket", "POST", "/basket", Basket("items", "[" + string.Join(',', Enumerable.Repeat(Item(), 101)) + "]"), Field: "items"));
        foreach (var (field, raw, expectedField) in ItemFieldCases())
        {
            Add($"basket_save_item_{field}_{Describe(raw)}", new("basket", "POST", "/basket", Basket("items", "[" + Item(field, raw) + "]"), Field: expectedField));
        }

        foreach (var field in new[] { "userName" })
        {
            foreach (var (kind, raw) in BadText)
            {
                Add($"basket_save_{field}_{kind}", new("basket", "POST", "/basket", Basket(field, raw), Status: 400));
            }
        }

        foreach (var field in new[] { "productId", "color" })
        {
            foreach (var (kind, raw) in BadText)
            {
                Add($"basket_save_item_{field}_{kind}", new("basket", "POST", "/basket", Basket("items", "[" + Item(field, raw) + "]"), Status: 400));
            }
        }

        // Basket paths.
        foreach (var method in new[] { "GET", "DELETE" })
        {
            var verb = method.ToLowerInvariant();
            Add($"basket_{verb}_user_of_2k", new("basket", method, "/basket/" + Long2K, Status: 400, Field: "userName"));
            Add($"basket_{verb}_user_unknown", new("basket", method, "/basket/nobody-" + Guid.NewGuid(), Status: 404));
            Add($"basket_{verb}_user_with_slashes", new("basket", method, "/basket/ada/x/y", Status: 404));
            Add($"basket_{verb}_user_with_encoded_slash", new("basket", method, "/basket/ada%2Fx", Status: 404));
            Add($"basket_{verb}_user_with_dots", new("basket", method, "/basket/ada.x", Status: 404));
            Add($"basket_{verb}_user_with_encoded_escape", new("basket", method, "/basket/%1B%5B2J", Status: 400, Field: "userName"));
            Add($"basket_{verb}_user_with_broken_utf8", new("basket", method, "/basket/%ED%A0%80", Status: 404));
            Add($"basket_{verb}_user_with_unknown_query", new("basket", method, "/basket/nobody?userName=ada", Status: 404));
        }

        foreach (var (kind, query, field) in ListQueries())
        {
            Add($"basket_list_{kind}", new("basket", "GET", "/basket?" + query, Status: 400, Field: field));
        }

        // Checkout fields.
        foreach (var field in new[] { "userName", "firstName", "lastName", "email", "address", "paymentMethodId" })
        {
            Add($"checkout_missing_{field}", new("basket", "POST", "/basket/checkout", Checkout(field, Missing), Field: field));
            Add($"checkout_null_{field}", new("basket", "POST", "/basket/checkout", Checkout(field, "null"), Field: field));
        }

        foreach (var field in new[] { "userName", "firstName", "lastName", "address", "paymentMethodId" })
        {
            Add($"checkout_empty_{field}", new("basket", "POST", "/basket/checkout", Checkout(field, "\"\""), Field: field));
            Add($"checkout_huge_{field}", new("basket", "POST", "/basket/checkout", Checkout(field, Quote(Huge)), Field: field));
            foreach (var (kind, raw) in BadText)
            {
                Add($"checkout_{field}_{kind}", new("basket", "POST", "/basket/checkout", Checkout(field, raw), Status: 400));
            }
        }

        foreach (var (kind, raw) in new[] { ("not_an_address", "\"ada\""), ("two_ats", "\"a@b@c\""), ("with_nul", "\"ada\\u0000@example.com\""), ("255_chars", Quote(new string('e', 243) + "@example.com")), ("a_number", "7") })
        {
            Add($"checkout_email_{kind}", new("basket", "POST", "/basket/checkout", Checkout("email", raw)));
        }

        foreach (var (kind, raw) in new[] { ("256_chars", Quote("pm_" + new string('a', 253))), ("with_a_space", "\"pm card\""), ("with_a_dash", "\"pm-card\""), ("non_ascii", "\"pm_caf\u00e9\"") })
        {
            Add($"checkout_payment_method_id_{kind}", new("basket", "POST", "/basket/checkout", Checkout("paymentMethodId", raw), Field: "paymentMethodId"));
        }

        foreach (var (kind, raw) in new[] { ("a_number", "7"), ("an_object", "{\"id\":\"pm_1\"}") })
        {
            Add($"checkout_payment_method_id_{kind}", new("basket", "POST", "/basket/checkout", Checkout("paymentMethodId", raw)));
        }

        // Card data, as the checkout once took it, beside a valid paymentMethodId: refused whatever its shape.
        foreach (var (kind, raw) in new[] { ("a_string", "\"" + Shop.CardNumber + "\""), ("a_number", "4000056655665556"), ("with_spaces", "\"4000 0566 5566 5556\""), ("an_object", "{\"number\":\"" + Shop.CardNumber + "\"}"), ("null", "null"), ("with_nul", "\"4000056655665556\\u0000\"") })
        {
            Add($"checkout_card_{kind}", new("basket", "POST", "/basket/checkout", Checkout("cardInfo", raw), Field: "cardInfo"));
        }

        foreach (var (kind, raw) in new[] { ("credit_card", "1"), ("a_string", "\"1\""), ("null", "null") })
        {
            Add($"checkout_payment_method_{kind}", new("basket", "POST", "/basket/checkout", Checkout("paymentMethod", raw), Field: "paymentMethod"));
        }

        // Ordering reads.
        Add("orders_of_user_of_2k", new("ordering", "GET", "/order/" + Long2K, Status: 400, Field: "userName"));
        Add("orders_of_user_with_encoded_escape", new("ordering", "GET", "/order/%1B%5B2J", Status: 400, Field: "userName"));
        Add("orders_of_user_with_slashes", new("ordering", "GET", "/order/ada/x/y", Status: 404));
        foreach (var (kind, date) in new[] { ("a_word", "yesterday"), ("without_millis", "2026-01-31T12:00:00Z"), ("with_offset", "2026-01-31T12:00:00.000%2B01:00"), ("month_13", "2026-13-01T12:00:00.000Z"), ("2k", Long2K), ("with_nul", "2026-01-31T12:00:00.000Z%00") })
        {
            Add($"orders_of_user_order_date_{kind}", new("ordering", "GET", "/order/ada?orderDate=" + date, Status: 400, Field: "orderDate"));
        }

        foreach (var (kind, query, field) in ListQueries())
        {
            Add($"orders_list_{kind}", new("ordering", "GET", "/order?" + query, Status: 400, Field: field));
            Add($"orders_of_user_{kind}", new("ordering", "GET", "/order/ada?" + query, Status: 400, Field: field));
        }

        return cases;
    }

    /// <summary>The malformed-body cases every JSON route gets alike.</summary>
    private static void AddBodyCases(Dictionary<string, BadInput> cases, string route, string service, string method, string path, Func<string, string, string> valid)
    {
        var good = valid("", Missing);
        void Add(string name, BadInput input) => cases.Add($"{route}_{name}", input);

        Add("malformed_open_brace", new(service, method, path, "{", Status: 400));
        Add("malformed_truncated", new(service, method, path, good[..(good.Length / 2)], Status: 400));
        Add("malformed_trailing_comma", new(service, method, path, good[..^1] + ",}", Status: 400));
        Add("malformed_single_quotes", new(service, method, path, good.Replace('"', '\''), Status: 400));
        Add("malformed_not_json", new(service, method, path, "name=x&price=1", Status: 400));
        Add("malformed_two_documents", new(service, method, path, good + good, Status: 400));
        Add("malformed_comment", new(service, method, path, "/* hi */" + good, Status: 400));
        Add("empty_body", new(service, method, path, "", Status: 400));
        Add("whitespace_body", new(service, method, path, "   ", Status: 400));
        Add("null_body", new(service, method, path, "null", Status: 400));
        Add("array_body", new(service, method, path, "[" + good + "]", Status: 400));
        Add("string_body", new(service, method, path, "\"x\"", Status: 400));
        Add("number_body", new(service, method, path, "42", Status: 400));
        Add("deeply_nested", new(service, method, path, new string('[', 5000) + new string(']', 5000), Status: 400));
        Add("no_body", new(service, method, path, null, Status: 400));
        Add("content_type_text_plain", new(service, method, path, good, "text/plain", Status: 415));
        Add("content_type_xml", new(service, method, path, good, "application/xml", Status: 415));
        Add("content_type_form", new(service, method, path, "name=x", "application/x-www-form-urlencoded", Status: 415));
        Add("content_type_missing", new(service, method, path, good, null, Status: 415));
        Add("utf16_body_declared_utf8", new(service, method, path, "\uFEFF" + good, "application/json; charset=utf-16", Status: 400) { Chunked = false });
        Add("body_over_1_mib", new(service, method, path, PadTo(valid("", Missing), 1024 * 1024 + 1), Status: 413));
        Add("body_over_1_mib_chunked", new(service, method, path, PadTo(valid("", Missing), 2 * 1024 * 1024), Status: 413) { Chunked = true });
        Add("unknown_query_with_bad_body", new(service, method, path + (path.Contains('?') ? "&" : "?") + "debug=true&admin=1", "{", Status: 400));
    }

    private static IEnumerable<(string Kind, string Query, string? Field)> ListQueries() =>
    [
        ("limit_zero", "limit=0", "limit"),
        ("limit_negative", "limit=-1", "limit"),
        ("limit_101", "limit=101", "limit"),
        ("limit_fraction", "limit=1.5", null),
        ("limit_a_word", "limit=ten", null),
        ("limit_beyond_int", "limit=99999999999", null),
        ("limit_twice", "limit=1&limit=2", null),
        ("token_garbage", "nextToken=garbage", "nextToken"),
        ("token_two_parts_garbage", "nextToken=e30.AAAA", "nextToken"),
        ("token_2k", "nextToken=" + Long2K, "nextToken"),
        ("token_with_nul", "nextToken=a%00b", "nextToken"),
        ("token_with_unknown_query", "nextToken=x&cursor=0&debug=1", "nextToken"),
    ];

    private static IEnumerable<(string Field, string Raw, string? ExpectedField)> ItemFieldCases() =>
    [
        ("productId", Missing, "items[0].productId"),
        ("productId", "null", "items[0].productId"),
        ("productId", "\"\"", "items[0].productId"),
        ("productId", Quote(new string('p', 101)), "items[0].productId"),
        ("productId", "7", null),
        ("color", Quote(new string('c', 51)), "items[0].color"),
        ("quantity", Missing, "items[0].quantity"),
        ("quantity", "null", "items[0].quantity"),
        ("quantity", "0", "items[0].quantity"),
        ("quantity", "-1", "items[0].quantity"),
        ("quantity", "1001", "items[0].quantity"),
        ("quantity", "1.5", null),
        ("quantity", "1e3", null),
        ("quantity", "2147483648", null),
        ("quantity", "\"2\"", null),
        ("productId", "\"not-in-the-catalogue\"", "items[0].productId"),
    ];

    private static string Product(string field, string raw) => Object(field, raw,
        ("name", "\"Nova\""), ("description", "\"A phone\""), ("imageFile", "\"nova.png\""), ("price", "1.5"), ("category", "\"Phones\""));

    private static string Basket(string field, string raw) => Object(field, raw, ("userName", "\"ada\""), ("items", "[" + Item() + "]"));

    private static string Item(string field = "", string raw = Missing) => Object(field, raw,
        ("productId", "\"p1\""), ("color", "\"Black\""), ("quantity", "2"));

    private static string Checkout(string field, string raw) => Object(field, raw,
        ("userName", "\"ada\""), ("firstName", "\"Ada\""), ("lastName", "\"Lovelace\""), ("email", "\"ada@example.com\""),
        ("address", "\"12 St James's Square\""), ("paymentMethodId", "\"pm_card_visa\""), ("cardInfo", Missing), ("paymentMethod", Missing));

    /// <summary>A JSON object of the given raw fields, with <paramref name="field"/> set to <paramref name="raw"/> (or left out).</summary>
    private static string Object(string field, string raw, params (string Name, string Raw)[] fields)
    {
        var members = fields.Select(f => f.Name == field ? (f.Name, Raw: raw) : f).Where(f => f.Raw != Missing);
        return "{" + string.Join(',', members.Select(f => $"\"{f.Name}\":{f.Raw}")) + "}";
    }

    /// <summary>The JSON object with a padding member that takes it to <paramref name="size"/> bytes.</summary>
    private static string PadTo(string json, int size) => "{\"padding\":\"" + new string('p', size - json.Length - 13) + "\"," + json[1..];

    private static string Quote(string text) => "\"" + text + "\"";

    private static string Describe(string raw) => raw switch
    {
        Missing => "missing",
        "null" => "null",
        "\"\"" => "empty",
        _ when raw.Length > 20 => $"{raw.Length}_chars",
        _ => new string([.. raw.Select(c => char.IsLetterOrDigit(c) ? c : c == '-' ? 'm' : '_')]),
    };
}
