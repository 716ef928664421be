using Ecommerce.Payments.Provider;

namespace Ecommerce.Payments.Tests;

public sealed class IdempotencyKeysTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Theory]
    [InlineData("www.example.com", "2ed6657d-e927-568b-95e1-2665a8aea6a2")] // RFC 9562, appendix A.4
    [InlineData("python.org", "886313e1-3b8a-5372-9b90-0c9aee199e5d")] // Python's uuid.uuid5 documentation
    public void A_name_based_key_matches_the_published_version_5_vectors(string name, string expected) =>
        Assert.Equal(Guid.Parse(expected), IdempotencyKeys.NameBased(DnsNamespace, name));

    [Fact]
    public void Each_step_of_an_order_has_its_own_key_and_the_same_one_every_time()
    {
        var orderId = Guid.NewGuid().ToString();

        string[] keys = [IdempotencyKeys.Authorize(orderId), IdempotencyKeys.Capture(orderId), IdempotencyKeys.Void(orderId)];

        Assert.Equal(keys, new[] { IdempotencyKeys.Authorize(orderId), IdempotencyKeys.Capture(orderId), IdempotencyKeys.Void(orderId) });
        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal(IdempotencyKeys.NameBased(IdempotencyKeys.Namespace, $"{orderId}|capture").ToString(), keys[1]);
        Assert.All(keys, key => Assert.Equal('5', key[14]));
        Assert.NotEqual(IdempotencyKeys.Authorize(orderId), IdempotencyKeys.Authorize(Guid.NewGuid().ToString()));
    }

    [Fact]
    public void The_key_of_a_step_never_changes_or_an_authorization_retried_across_a_release_would_charge_again() =>
        Assert.Equal("46b468b5-164e-5ac7-838f-de39078ab3cf", IdempotencyKeys.Authorize("0f8fad5b-d9cb-469f-a165-70867728950e")); // Python's uuid.uuid5 of the same
}
