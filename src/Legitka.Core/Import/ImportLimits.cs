namespace Legitka.Import;

public static class ImportLimits
{
    /// <summary>Ample for a whole country's largest school (a 10,000-pupil file is about 1.5 MB).</summary>
    public const int MaxCsvBytes = 32 * 1024 * 1024;
}
