using Amazon.CDK;
using Ecommerce.Deploy;

var app = new App();
var settings = DeploySettings.FromContext(app.Node);
_ = new EcommerceStack(app, settings, RepositoryRoot.Find(AppContext.BaseDirectory));
app.Synth();
