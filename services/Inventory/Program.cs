using Ecommerce.Inventory;
using Ecommerce.Inventory.Events;
using Ecommerce.Inventory.Ledger;
using Ecommerce.Shared.Consumers;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;

var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults("Inventory API", routePrefix: "inventory");
builder.AddOwnedTable(ResourceDefinitions.StockTable);
builder.AddOwnedTable(ResourceDefinitions.ReservationTable);
builder.Services.AddValidation();
builder.Services.AddSingleton<StockRepository>();
builder.AddEventQueueConsumer<ProductConsumer, ProductChangedEvent>();
builder.Services.AddSingleton<Reservations>();
builder.Services.AddSingleton<StockLedger>();
builder.AddEventBus();
builder.Services.AddSingleton<StockAnswers>();
builder.AddEventQueueConsumer<OrderConsumer, OrderEvent>();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, InventoryJsonContext.Default));

var app = builder.Build();

app.MapServiceDefaults();
app.MapInventoryApi();

app.Run();

public partial class Program;
