using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// ECDSA verification (P-256, P-384) straight on the platform's OpenSSL <c>libcrypto</c>, for
/// public keys that arrive as coordinates (a JWK in a proof header, a DID document, a certificate).
/// </summary>
/// <remarks>
/// <para>
/// Why: <see cref="ECDsa.Create(ECParameters)"/> on Linux imports a public key with OpenSSL's full
/// key check (<c>EC_KEY_check_key</c>: on-curve test plus a scalar multiplication by the group
/// order) and then converts it to an OpenSSL 3 provider key. Measured here that costs ~90 µs, more
/// than the verification itself (~55 µs); a wallet's proof brings a fresh key every time, so the
/// import dominated the cost of issuing a credential. <c>EC_KEY_oct2key</c> decodes the point with
/// the checks that matter for P-256 and P-384 (coordinates below the field prime, the point on the
/// curve, not the point at infinity) in ~2 µs: both curves have cofactor 1, so every point on the
/// curve other than infinity has the group order, and the order multiplication adds no safety.
/// </para>
/// <para>
/// The functions are bound at run time from the <c>libcrypto.so.3</c> .NET uses. If it or any
/// function is missing (Windows, macOS, a future OpenSSL without the <c>EC_KEY</c> API), its version
/// differs from .NET's, OpenSSL's default properties ask for FIPS, the self-test fails, or the
/// switch <c>GaiaX.Oid4vc.Credentials.DisableNativeEcdsa</c> (AppContext or environment variable
/// <c>GAIAX_OID4VC_DISABLE_NATIVE_ECDSA=1</c>) is set, <see cref="IsAvailable"/> is false and
/// <see cref="VerificationKey"/> uses .NET's <see cref="ECDsa"/> instead: same results, slower import.
/// </para>
/// </remarks>
internal static unsafe class OpenSslEcdsa
{
    private const int NidP256 = 415; // NID_X9_62_prime256v1
    private const int NidP384 = 715; // NID_secp384r1

    private static readonly Functions? Bound = Bind();

    /// <summary>Whether the native path is usable in this process.</summary>
    public static bool IsAvailable => Bound is not null;

    /// <summary>
    /// Decodes an uncompressed public point for <paramref name="curve"/> ("P-256" or "P-384").
    /// Null when the coordinates are not a point of the curve (or the native path is off).
    /// </summary>
    public static EcPublicKeyHandle? Import(string curve, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) =>
        Bound is { } f ? Import(f, curve, x, y) : null;

    /// <summary>
    /// Verifies a JOSE (fixed-size <c>r || s</c>) ECDSA signature over <paramref name="digest"/>.
    /// </summary>
    public static bool VerifyDigest(EcPublicKeyHandle key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        var f = Bound ?? throw new InvalidOperationException("The native ECDSA path is not available.");
        return Verify(f, key, digest, signature);
    }

    private static EcPublicKeyHandle? Import(Functions f, string curve, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var (nid, size) = curve switch
        {
            "P-256" => (NidP256, 32),
            "P-384" => (NidP384, 48),
            _ => (0, 0),
        };
        if (size == 0 || x.Length != size || y.Length != size)
        {
            return null;
        }
        Span<byte> point = stackalloc byte[1 + (2 * size)];
        point[0] = 0x04; // uncompressed
        x.CopyTo(point[1..]);
        y.CopyTo(point[(1 + size)..]);
        // A copy of the curve's group made once (EC_KEY_set_group duplicates it): building the group
        // from the curve name costs ~9 µs a key, more than decoding the point.
        var key = f.EcKeyNew();
        if (key == IntPtr.Zero)
        {
            f.ErrClearError();
            return null;
        }
        var handle = new EcPublicKeyHandle(key, f.EcKeyFree);
        int ok = f.EcKeySetGroup(key, nid == NidP256 ? f.GroupP256 : f.GroupP384);
        if (ok == 1)
        {
            fixed (byte* p = point)
            {
                ok = f.EcKeyOct2Key(key, p, (nuint)point.Length, IntPtr.Zero);
            }
        }
        if (ok != 1)
        {
            f.ErrClearError();
            handle.Dispose();
            return null;
        }
        return handle;
    }

    private static bool Verify(Functions f, EcPublicKeyHandle key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (signature.Length == 0 || signature.Length % 2 != 0)
        {
            return false;
        }
        var half = signature.Length / 2;
        var sig = f.EcdsaSigNew();
        if (sig == IntPtr.Zero)
        {
            f.ErrClearError();
            return false;
        }
        var added = false;
        try
        {
            key.DangerousAddRef(ref added);
            IntPtr r,
                s;
            fixed (byte* p = signature)
            {
                r = f.BnBin2Bn(p, half, IntPtr.Zero);
                s = f.BnBin2Bn(p + half, half, IntPtr.Zero);
            }
            if (r == IntPtr.Zero || s == IntPtr.Zero || f.EcdsaSigSet0(sig, r, s) != 1)
            {
                // Ownership passes to the signature only when set0 succeeds.
                f.BnFree(r);
                f.BnFree(s);
                f.ErrClearError();
                return false;
            }
            int result;
            fixed (byte* d = digest)
            {
                result = f.EcdsaDoVerify(d, digest.Length, sig, key.DangerousGetHandle());
            }
            if (result != 1)
            {
                // 0 = bad signature, -1 = error (r or s out of range, …): both leave errors queued.
                f.ErrClearError();
            }
            return result == 1;
        }
        finally
        {
            f.EcdsaSigFree(sig);
            if (added)
            {
                key.DangerousRelease();
            }
        }
    }

    private static Functions? Bind()
    {
        if (AppContext.TryGetSwitch("GaiaX.Oid4vc.Credentials.DisableNativeEcdsa", out var disabled) && disabled)
        {
            return null;
        }
        if (Environment.GetEnvironmentVariable("GAIAX_OID4VC_DISABLE_NATIVE_ECDSA") == "1" || !OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            return BindLibcrypto();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever went wrong (a missing export, a failing self-test), the .NET path still works.
            return null;
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static Functions? BindLibcrypto()
    {
        // Only the OpenSSL 3 .NET itself uses: the same library, so the same error queue, engines and
        // configuration (.NET reports its version; OpenSSL_version_num must match it).
        if (!NativeLibrary.TryLoad("libcrypto.so.3", out var library))
        {
            return null;
        }
        var versionNumber = (delegate* unmanaged<nuint>)NativeLibrary.GetExport(library, "OpenSSL_version_num");
        if ((long)versionNumber() != SafeEvpPKeyHandle.OpenSslVersion)
        {
            return null;
        }
        // The legacy EC_KEY functions bypass OpenSSL 3's providers: where the default properties ask
        // for FIPS, verification stays with .NET (which goes through the FIPS provider).
        var fipsEnabled = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "EVP_default_properties_is_fips_enabled");
        if (fipsEnabled(IntPtr.Zero) != 0)
        {
            return null;
        }
        var newGroup = (delegate* unmanaged<int, IntPtr>)NativeLibrary.GetExport(library, "EC_GROUP_new_by_curve_name");
        // The two groups live as long as the process: every imported key copies one of them.
        var p256 = newGroup(NidP256);
        var p384 = newGroup(NidP384);
        var clearError = (delegate* unmanaged<void>)NativeLibrary.GetExport(library, "ERR_clear_error");
        if (p256 == IntPtr.Zero || p384 == IntPtr.Zero)
        {
            clearError();
            return null;
        }
        var f = new Functions
        {
            GroupP256 = p256,
            GroupP384 = p384,
            EcKeyNew = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "EC_KEY_new"),
            EcKeySetGroup = (delegate* unmanaged<IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "EC_KEY_set_group"),
            EcKeyOct2Key = (delegate* unmanaged<IntPtr, byte*, nuint, IntPtr, int>)NativeLibrary.GetExport(library, "EC_KEY_oct2key"),
            EcKeyFree = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "EC_KEY_free"),
            EcdsaSigNew = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "ECDSA_SIG_new"),
            EcdsaSigSet0 = (delegate* unmanaged<IntPtr, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "ECDSA_SIG_set0"),
            EcdsaSigFree = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "ECDSA_SIG_free"),
            EcdsaDoVerify = (delegate* unmanaged<byte*, int, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "ECDSA_do_verify"),
            BnBin2Bn = (delegate* unmanaged<byte*, int, IntPtr, IntPtr>)NativeLibrary.GetExport(library, "BN_bin2bn"),
            BnFree = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "BN_free"),
            ErrClearError = clearError,
        };
        return SelfTest(f) ? f : null;
    }

    /// <summary>
    /// A signature made by .NET verifies, the same signature with one bit flipped does not, and a
    /// point off the curve is refused, on both curves: otherwise the native path stays off.
    /// </summary>
    private static bool SelfTest(Functions f)
    {
        foreach (
            var (curve, name, hash) in new[]
            {
                (ECCurve.NamedCurves.nistP256, "P-256", HashAlgorithmName.SHA256),
                (ECCurve.NamedCurves.nistP384, "P-384", HashAlgorithmName.SHA384),
            }
        )
        {
            using var signer = ECDsa.Create(curve);
            var q = signer.ExportParameters(false).Q;
            var message = "GaiaX.Oid4vc native ECDSA self-test"u8.ToArray();
            var digest = hash == HashAlgorithmName.SHA256 ? SHA256.HashData(message) : SHA384.HashData(message);
            var signature = signer.SignHash(digest);
            using var key = Import(f, name, q.X, q.Y);
            if (key is null || !Verify(f, key, digest, signature))
            {
                return false;
            }
            signature[^1] ^= 1;
            if (Verify(f, key, digest, signature))
            {
                return false;
            }
            var offCurve = (byte[])q.Y!.Clone();
            offCurve[^1] ^= 1;
            using var bad = Import(f, name, q.X, offCurve);
            if (bad is not null)
            {
                return false;
            }
        }
        return true;
    }

    private sealed class Functions
    {
        public required IntPtr GroupP256;

        public required IntPtr GroupP384;

        public required delegate* unmanaged<IntPtr> EcKeyNew;

        public required delegate* unmanaged<IntPtr, IntPtr, int> EcKeySetGroup;

        public required delegate* unmanaged<IntPtr, byte*, nuint, IntPtr, int> EcKeyOct2Key;

        public required delegate* unmanaged<IntPtr, void> EcKeyFree;

        public required delegate* unmanaged<IntPtr> EcdsaSigNew;

        public required delegate* unmanaged<IntPtr, IntPtr, IntPtr, int> EcdsaSigSet0;

        public required delegate* unmanaged<IntPtr, void> EcdsaSigFree;

        public required delegate* unmanaged<byte*, int, IntPtr, IntPtr, int> EcdsaDoVerify;

        public required delegate* unmanaged<byte*, int, IntPtr, IntPtr> BnBin2Bn;

        public required delegate* unmanaged<IntPtr, void> BnFree;

        public required delegate* unmanaged<void> ErrClearError;
    }
}

/// <summary>An OpenSSL <c>EC_KEY</c> holding a public point, freed when disposed or finalized.</summary>
internal sealed unsafe class EcPublicKeyHandle : SafeHandle
{
    private readonly delegate* unmanaged<IntPtr, void> _free;

    internal EcPublicKeyHandle(IntPtr key, delegate* unmanaged<IntPtr, void> free)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _free = free;
        SetHandle(key);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }
}
