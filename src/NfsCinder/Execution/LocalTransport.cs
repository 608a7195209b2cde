using System;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace NfsCinder.Execution
{
    /// <summary>Runs command lines with /bin/sh on this machine (Linux only).</summary>
    internal sealed class LocalTransport : ICommandTransport
    {
        public LocalTransport(string computerName)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                throw new NfsCinderException("LocalTargetUnsupported", FailureCategory.InvalidOperation, computerName,
                    "Without -Session, cmdlets act on this machine, which only works on Linux.",
                    "Create a session to a Linux host with New-NfsCinderSession and pass it with -Session.");
            ComputerName = computerName;
        }

        public string ComputerName { get; }

        public async Task<RawExecution> ExecuteAsync(string commandLine, byte[]? standardInput, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var startInfo = new ProcessStartInfo("/bin/sh")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            AddArguments(startInfo, "-c", commandLine);

            using var process = new Process { StartInfo = startInfo };
            process.Start();
            Task<byte[]> stdout = ReadAllAsync(process.StandardOutput.BaseStream);
            Task<byte[]> stderr = ReadAllAsync(process.StandardError.BaseStream);
            await WriteInputAsync(process.StandardInput.BaseStream, standardInput).ConfigureAwait(false);

            Task exited = Task.Run(() => process.WaitForExit());
            Task deadline = Task.Delay(timeout, cancellationToken);
            bool timedOut = await Task.WhenAny(exited, deadline).ConfigureAwait(false) != exited;
            if (timedOut)
            {
                TryKill(process);
                cancellationToken.ThrowIfCancellationRequested();
            }
            await exited.ConfigureAwait(false);
            byte[] output = await stdout.ConfigureAwait(false);
            byte[] error = await stderr.ConfigureAwait(false);
            return new RawExecution(timedOut ? null : process.ExitCode, null, output, error, timedOut);
        }

        public void Dispose()
        {
        }

        // netstandard2.0 has no ArgumentList, but every runtime that runs this on Linux
        // (.NET Core 2.1+) does; argv passed this way needs no quoting for Process.
        private static void AddArguments(ProcessStartInfo startInfo, params string[] arguments)
        {
            var property = typeof(ProcessStartInfo).GetProperty("ArgumentList")
                ?? throw new PlatformNotSupportedException("This .NET runtime cannot pass an argument list to a process.");
            var list = (Collection<string>)property.GetValue(startInfo)!;
            foreach (string argument in arguments) list.Add(argument);
        }

        private static async Task WriteInputAsync(Stream stdin, byte[]? data)
        {
            try
            {
                if (data is not null && data.Length > 0) await stdin.WriteAsync(data, 0, data.Length).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The command exited without reading its input; its exit status tells the story.
            }
            finally
            {
                try { stdin.Dispose(); } catch (IOException) { }
            }
        }

        private static async Task<byte[]> ReadAllAsync(Stream stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer).ConfigureAwait(false);
            return buffer.ToArray();
        }

        // Process.Kill(bool entireProcessTree) exists on .NET Core 3.0+, not in netstandard2.0.
        // /bin/sh does not exec its last command, so killing sh alone would leave timeout(1)
        // and the command running (and holding the output pipes).
        private static readonly MethodInfo? KillTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });

        private static void TryKill(Process process)
        {
            try
            {
                if (process.HasExited) return;
                if (KillTree is null) process.Kill();
                else KillTree.Invoke(process, new object[] { true });
            }
            catch (InvalidOperationException) { }
            catch (TargetInvocationException) { } // some processes of the tree (sudo's, for example) may be out of reach
        }
    }
}
