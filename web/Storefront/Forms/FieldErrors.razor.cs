using System.Diagnostics.CodeAnalysis;

namespace Ecommerce.Storefront.Forms;

// The form's properties are looked up by name, so trimming must keep them.
public partial class FieldErrors<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TModel>;
