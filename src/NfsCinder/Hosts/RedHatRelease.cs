namespace NfsCinder.Hosts
{
    /// <summary>What a <c>/etc/redhat-release</c> (or <c>centos-release</c>, <c>system-release</c>) line says.</summary>
    public sealed class RedHatRelease
    {
        /// <summary>Creates the result of parsing one release line.</summary>
        /// <param name="id">The os-release style ID (for example <c>centos</c>, <c>rhel</c>).</param>
        /// <param name="name">The whole release line, trimmed.</param>
        /// <param name="version">The release number (for example <c>6.10</c>).</param>
        /// <param name="codename">The text in parentheses (for example <c>Final</c>), or null.</param>
        public RedHatRelease(string id, string name, string version, string? codename)
        {
            Id = id;
            Name = name;
            Version = version;
            Codename = codename;
        }

        /// <summary>The os-release style ID: <c>rhel</c>, <c>centos</c>, <c>rocky</c>, <c>almalinux</c>, <c>fedora</c>, <c>ol</c>, or the product's first word in lower case.</summary>
        public string Id { get; }

        /// <summary>The whole release line, trimmed.</summary>
        public string Name { get; }

        /// <summary>The release number as written (for example <c>6.10</c>, <c>7.9.2009</c>).</summary>
        public string Version { get; }

        /// <summary>The text in parentheses (for example <c>Final</c>, <c>Santiago</c>), or null.</summary>
        public string? Codename { get; }
    }
}
