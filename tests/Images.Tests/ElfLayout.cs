using System.Buffers.Binary;
using System.Text;

namespace Ecommerce.Images.Tests;

/// <summary>
/// The two facts of a 64-bit little-endian ELF file the publish settings decide: whether it is an executable
/// linked at a fixed address (<c>ET_EXEC</c>) or a position-independent one (<c>ET_DYN</c>), and its section names.
/// </summary>
internal sealed record ElfLayout(bool LinkedAtFixedAddress, IReadOnlyList<string> SectionNames)
{
    private const ushort FixedAddressExecutable = 2; // ET_EXEC; ET_DYN (3) is a PIE or a shared library

    public static ElfLayout Read(string path)
    {
        var file = File.ReadAllBytes(path);
        if (!file.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || file[4] != 2 || file[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");
        }

        var type = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x10));
        var sectionTable = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(0x28)));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x3A));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x3C));
        var namesIndex = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x3E));

        Span<byte> Header(int index) => file.AsSpan(sectionTable + (index * entrySize), entrySize);
        var names = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(Header(namesIndex)[0x18..]));
        var sections = Enumerable.Range(0, count)
            .Select(index =>
            {
                var name = file.AsSpan(names + (int)BinaryPrimitives.ReadUInt32LittleEndian(Header(index)));
                return Encoding.ASCII.GetString(name[..name.IndexOf((byte)0)]);
            })
            .ToList();

        return new ElfLayout(type == FixedAddressExecutable, sections);
    }
}
