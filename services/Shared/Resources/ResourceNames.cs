namespace Ecommerce.Shared.Resources;

/// <summary>
/// The physical names of the resources, bound from the <c>Resources</c> configuration section
/// (for example <c>Resources__ProductTable</c> in the environment); each defaults to the catalogue.
/// </summary>
public sealed class ResourceNames
{
    public const string Section = "Resources";

    public string ProductTable { get; set; } = ResourceCatalog.ProductTable.DefaultName;
    public string BasketTable { get; set; } = ResourceCatalog.BasketTable.DefaultName;
    public string BasketCatalogueTable { get; set; } = ResourceCatalog.BasketCatalogueTable.DefaultName;
    public string CheckoutIdempotencyTable { get; set; } = ResourceCatalog.CheckoutIdempotencyTable.DefaultName;
    public string OrderTable { get; set; } = ResourceCatalog.OrderTable.DefaultName;
    public string EventBus { get; set; } = ResourceCatalog.EventBusName;
    public string CheckoutRule { get; set; } = ResourceCatalog.CheckoutRuleName;
    public string OrderQueue { get; set; } = ResourceCatalog.OrderQueueName;
    public string OrderDeadLetterQueue { get; set; } = ResourceCatalog.OrderDeadLetterQueueName;
    public string ProductChangedRule { get; set; } = ResourceCatalog.ProductChangedRuleName;
    public string BasketCatalogueQueue { get; set; } = ResourceCatalog.BasketCatalogueQueueName;
    public string BasketCatalogueDeadLetterQueue { get; set; } = ResourceCatalog.BasketCatalogueDeadLetterQueueName;
}
