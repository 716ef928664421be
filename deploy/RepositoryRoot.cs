namespace Ecommerce.Deploy;

/// <summary>The checkout: the folder holding Ecommerce.sln, whose root is the images' build context.</summary>
public static class RepositoryRoot
{
    public static string Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ecommerce.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Ecommerce.sln not found above " + startDirectory);
    }
}
