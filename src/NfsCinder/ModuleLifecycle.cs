using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using NfsCinder.Sessions;

namespace NfsCinder
{
    /// <summary>
    /// Runs on Import-Module: resolves SSH.NET's dependencies from the module folder by
    /// name, whatever version was asked for. Windows PowerShell 5.1 has no binding
    /// redirects for a module, and pwsh may already hold newer copies of some of them.
    /// </summary>
    public sealed class ModuleLifecycle : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleLifecycle).Assembly.Location) ?? ".";

        /// <inheritdoc />
        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleDirectory;

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo module)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleDirectory;
            SessionRegistry.CloseAll();
        }

        private static Assembly? ResolveFromModuleDirectory(object? sender, ResolveEventArgs args)
        {
            string file = Path.Combine(ModuleDirectory, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(file) ? Assembly.LoadFrom(file) : null;
        }
    }
}
