using System.Runtime.InteropServices;

namespace SmartSensors.Devices.Interop;

/// <summary>
/// The few glibc functions the Linux buses need. Only blittable arguments, so no marshalling stubs beyond
/// the UTF-8 path string. Constants are the Linux values shared by x86-64, arm64 and 32-bit arm
/// (checked against the Debian 12 headers; see <c>Interop/README.md</c>).
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    public const int ORdWr = 0x2;          // O_RDWR
    public const int ONoCtty = 0x100;      // O_NOCTTY  (0400 octal)
    public const int ONonBlock = 0x800;    // O_NONBLOCK (04000 octal)
    public const int OCloExec = 0x80000;   // O_CLOEXEC (02000000 octal)

    public const short PollIn = 0x1;

    public const int ENoEnt = 2;
    public const int EIntr = 4;
    public const int ENxIo = 6;
    public const int EAgain = 11;
    public const int EAcces = 13;
    public const int EBusy = 16;
    public const int ENoDev = 19;
    public const int EInval = 22;
    public const int ERemoteIo = 121;

    [LibraryImport(Lib, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    /// <summary><c>int ioctl(int fd, unsigned long request, void *arg)</c> — the variadic third argument is passed as a pointer, as the Linux ABIs allow on x86-64 and arm64.</summary>
    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* arg);

    /// <summary><c>ioctl(fd, request, unsigned long value)</c> for requests that take an integer (I2C_SLAVE).</summary>
    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nuint value);

    [LibraryImport(Lib, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Lib, EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(int fd, TermiosStruct* termios);

    [LibraryImport(Lib, EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(int fd, int optionalActions, TermiosStruct* termios);

    [LibraryImport(Lib, EntryPoint = "tcflush", SetLastError = true)]
    public static partial int TcFlush(int fd, int queueSelector);

    [LibraryImport(Lib, EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int PosixOpenPt(int flags);

    [LibraryImport(Lib, EntryPoint = "grantpt", SetLastError = true)]
    public static partial int GrantPt(int fd);

    [LibraryImport(Lib, EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int UnlockPt(int fd);

    [LibraryImport(Lib, EntryPoint = "ptsname_r", SetLastError = true)]
    public static partial int PtsNameR(int fd, byte* buffer, nuint length);

    /// <summary>The error text for an errno value, e.g. "No such file or directory".</summary>
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
