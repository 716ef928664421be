namespace Ecommerce.LocalCloud.Auth;

/// <summary>Reads the form-encoded bodies of the sign-in form and the token endpoint.</summary>
internal static class Forms
{
    /// <summary>The form, or null when the body is not one (wrong content type, or past the form limits).</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
