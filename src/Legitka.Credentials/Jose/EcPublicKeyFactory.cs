using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace Legitka.Credentials.Jose;

/// <summary>
/// Turns a holder's <c>cnf.jwk</c> into an <see cref="ECDsa"/> for one key binding check.
/// <para>
/// Why not just <c>ECDsa.Create(parameters)</c>: with OpenSSL 3 that path runs a full public-key check
/// (a scalar multiplication by the group order, ~120 µs here), more than the signature check itself,
/// and every presentation carries a new holder key. On Linux we import through <c>EVP_PKEY_fromdata</c>
/// (~22 µs), which still refuses points that are not on the curve; P-256 has cofactor 1, so an on-curve
/// point is in the group and the skipped order check adds nothing. Elsewhere, or if libcrypto cannot be
/// loaded, the managed path is used.
/// </para>
/// </summary>
internal static class EcPublicKeyFactory
{
    private static volatile bool s_nativeUnavailable = !OperatingSystem.IsLinux();

    public static ECDsa? TryCreate(EcPublicJwk jwk)
    {
        if (!s_nativeUnavailable && OperatingSystem.IsLinux())
        {
            try
            {
                return OpenSslEcImport.TryCreate(jwk.X, jwk.Y);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_nativeUnavailable = true;
            }
        }

        try
        {
            return ECDsa.Create(jwk.ToParameters());
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    [SupportedOSPlatform("linux")]
    private static unsafe class OpenSslEcImport
    {
        private const string LibCrypto = "libcrypto.so.3";
        private const uint OsslParamUtf8String = 4;
        private const uint OsslParamOctetString = 5;

        // EVP_PKEY_PUBLIC_KEY = OSSL_KEYMGMT_SELECT_ALL_PARAMETERS | OSSL_KEYMGMT_SELECT_PUBLIC_KEY
        private const int EvpPkeyPublicKey = 0x86;

        public static ECDsa? TryCreate(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
        {
            Span<byte> point = stackalloc byte[65];
            point[0] = 0x04; // uncompressed SEC1 point
            x.CopyTo(point[1..]);
            y.CopyTo(point[33..]);
            ReadOnlySpan<byte> group = "prime256v1"u8;

            fixed (byte* groupName = group, groupKey = "group\0"u8, pubKey = "pub\0"u8, ec = "EC\0"u8, pointBytes = point)
            {
                var parameters = stackalloc OsslParam[3];
                parameters[0] = new OsslParam { Key = groupKey, DataType = OsslParamUtf8String, Data = groupName, DataSize = (nuint)group.Length };
                parameters[1] = new OsslParam { Key = pubKey, DataType = OsslParamOctetString, Data = pointBytes, DataSize = 65 };
                parameters[2] = default;

                var context = EVP_PKEY_CTX_new_from_name(0, ec, 0);
                if (context == 0)
                {
                    return null;
                }

                try
                {
                    nint key = 0;
                    if (EVP_PKEY_fromdata_init(context) != 1 || EVP_PKEY_fromdata(context, &key, EvpPkeyPublicKey, parameters) != 1 || key == 0)
                    {
                        ERR_clear_error();
                        return null;
                    }

                    // ECDsaOpenSsl takes its own reference; the handle releases ours.
                    using var handle = new SafeEvpPKeyHandle(key, ownsHandle: true);
                    return new ECDsaOpenSsl(handle);
                }
                finally
                {
                    EVP_PKEY_CTX_free(context);
                }
            }
        }

        [DllImport(LibCrypto)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern nint EVP_PKEY_CTX_new_from_name(nint libraryContext, byte* name, nint properties);

        [DllImport(LibCrypto)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int EVP_PKEY_fromdata_init(nint context);

        [DllImport(LibCrypto)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int EVP_PKEY_fromdata(nint context, nint* key, int selection, OsslParam* parameters);

        [DllImport(LibCrypto)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern void EVP_PKEY_CTX_free(nint context);

        [DllImport(LibCrypto)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern void ERR_clear_error();

        [StructLayout(LayoutKind.Sequential)]
        private struct OsslParam
        {
            public byte* Key;
            public uint DataType;
            public void* Data;
            public nuint DataSize;
            public nuint ReturnSize;
        }
    }
}
