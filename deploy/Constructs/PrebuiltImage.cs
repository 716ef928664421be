using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// An image already pushed to ECR (build/push.sh), named by its whole URI: the function runs exactly
/// that image and the toolkit builds nothing. <c>Code.FromEcrImage</c> would want a repository object
/// and put the URI back together from its parts.
/// </summary>
public sealed class PrebuiltImage(string imageUri) : Code
{
    public string ImageUri { get; } = imageUri;

    public override ICodeConfig Bind(Construct scope) => new CodeConfig { Image = new CodeImageConfig { ImageUri = ImageUri } };
}
