using Legitka.Photos;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Legitka.Demo;

/// <summary>
/// A drawn stand-in for a pupil's ID photo (head and shoulders on a plain background), so the demo's ready class
/// has accepted photos and its credentials carry a real JPEG portrait, without shipping anyone's face.
/// </summary>
public static class DemoPortrait
{
    private const int Width = 492;
    private const int Height = 633;

    public static (byte[] Jpeg, byte[] Portrait) Create(int seed)
    {
        var random = new Random(seed);
        var background = new Rgb24((byte)random.Next(170, 230), (byte)random.Next(180, 235), (byte)random.Next(200, 245));
        var skin = new Rgb24((byte)random.Next(200, 245), (byte)random.Next(160, 205), (byte)random.Next(130, 180));
        var shirt = new Rgb24((byte)random.Next(20, 120), (byte)random.Next(20, 120), (byte)random.Next(40, 160));
        var hair = new Rgb24((byte)random.Next(30, 120), (byte)random.Next(20, 90), (byte)random.Next(10, 60));
        using var image = new Image<Rgb24>(Width, Height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < Width; x++)
                {
                    row[x] = PixelAt(x, y, background, skin, shirt, hair);
                }
            }
        });
        return (PhotoRenderer.Encode(image), PortraitRenderer.Render(image).Jpeg);
    }

    private static Rgb24 PixelAt(int x, int y, Rgb24 background, Rgb24 skin, Rgb24 shirt, Rgb24 hair)
    {
        double dx = (x - Width / 2.0) / 120, dy = (y - 270.0) / 155;
        var inHead = dx * dx + dy * dy <= 1;
        var inHair = inHead && y < 200 - Math.Abs(x - Width / 2.0) * 0.15;
        double sx = (x - Width / 2.0) / 230, sy = (y - 700.0) / 260;
        var inShoulders = sx * sx + sy * sy <= 1 && y > 430;
        return inHair ? hair : inHead ? skin : inShoulders ? shirt : background;
    }
}
