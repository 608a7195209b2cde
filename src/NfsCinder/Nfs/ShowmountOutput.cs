using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace NfsCinder.Nfs
{
    /// <summary>Parsers for nfs-utils' <c>showmount</c> output and errors.</summary>
    internal static class ShowmountOutput
    {
        private static readonly Regex Header = new Regex(
            @"^(?:Export list for|All mount points on|Directories on|Hosts on) (?<server>.+):$", RegexOptions.CultureInvariant);

        /// <summary>
        /// Parses <c>showmount -e</c> with or without its header. Each line is the path padded
        /// with spaces, then the comma-separated clients; a client never holds whitespace, so
        /// the line is split at its last run of whitespace and paths may contain spaces.
        /// </summary>
        public static ShowmountExportList ParseExports(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            string? server = null;
            var exports = new List<ShowmountExport>();
            foreach (string raw in NfsParseText.Lines(text))
            {
                string line = raw.TrimEnd();
                if (line.Trim().Length == 0) continue;
                Match h = Header.Match(line);
                if (h.Success && exports.Count == 0 && server is null)
                {
                    server = h.Groups["server"].Value;
                    continue;
                }
                int cut = line.Length - 1;
                while (cut >= 0 && !char.IsWhiteSpace(line[cut])) cut--;
                if (cut < 0)
                {
                    exports.Add(new ShowmountExport(line, Array.Empty<string>()));
                    continue;
                }
                string path = line.Substring(0, cut).TrimEnd();
                var clients = new List<string>();
                foreach (string c in line.Substring(cut + 1).Split(','))
                {
                    if (c.Length == 0) continue;
                    clients.Add(c == "(everyone)" ? "*" : c);
                }
                exports.Add(new ShowmountExport(path, clients));
            }
            return new ShowmountExportList(server, exports);
        }

        /// <summary>
        /// Parses <c>showmount -a</c> (<c>client:path</c> lines, header optional). The pair is
        /// split at the first <c>:/</c>, so IPv6 clients keep their colons.
        /// </summary>
        public static ShowmountMountList ParseMountedClients(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            string? server = null;
            var mounts = new List<ShowmountMount>();
            foreach (string raw in NfsParseText.Lines(text))
            {
                string line = raw.Trim();
                if (line.Length == 0) continue;
                Match h = Header.Match(line);
                if (h.Success && mounts.Count == 0 && server is null)
                {
                    server = h.Groups["server"].Value;
                    continue;
                }
                ExportTarget? pair = ExportfsOutput.SplitClientPath(line);
                if (pair != null) mounts.Add(new ShowmountMount(pair.Client, pair.Path));
            }
            return new ShowmountMountList(server, mounts);
        }

        /// <summary>Classifies showmount's stderr (<c>clnt_create: RPC: ...</c>, <c>rpc mount export: RPC: ...</c>).</summary>
        public static ShowmountFailure ClassifyFailure(string? stderr)
        {
            if (stderr is null || stderr.Trim().Length == 0) return ShowmountFailure.None;
            string s = stderr;
            if (Has(s, "Unknown host") || Has(s, "Name or service not known") || Has(s, "Temporary failure in name resolution")
                || Has(s, "No address associated with hostname"))
                return ShowmountFailure.NameResolution;
            if (Has(s, "Timed out")) return ShowmountFailure.TimedOut;
            if (Has(s, "Program not registered")) return ShowmountFailure.MountdNotRegistered;
            if (Has(s, "Port mapper failure") || Has(s, "Unable to receive") || Has(s, "Unable to send"))
                return ShowmountFailure.RpcbindUnreachable;
            if (Has(s, "Connection refused")) return ShowmountFailure.ConnectionRefused;
            return ShowmountFailure.Other;
        }

        /// <summary>A one-sentence cause for <paramref name="failure"/>.</summary>
        public static string CauseFor(ShowmountFailure failure)
        {
            switch (failure)
            {
                case ShowmountFailure.None: return "showmount reported no error.";
                case ShowmountFailure.MountdNotRegistered: return "The server's rpcbind answered, but no mountd (MOUNT protocol) is registered with it.";
                case ShowmountFailure.RpcbindUnreachable: return "The server's rpcbind (port 111) did not answer: it is stopped, or a firewall rejects the port.";
                case ShowmountFailure.NameResolution: return "The server name does not resolve on this host.";
                case ShowmountFailure.TimedOut: return "The server did not answer in time: packets are being dropped on the way.";
                case ShowmountFailure.ConnectionRefused: return "rpcbind answered, but mountd's port refused the connection.";
                default: return "showmount failed for a reason not recognised here.";
            }
        }

        /// <summary>What to do about <paramref name="failure"/>.</summary>
        public static string RemedyFor(ShowmountFailure failure)
        {
            switch (failure)
            {
                case ShowmountFailure.None:
                    return "Nothing to do.";
                case ShowmountFailure.MountdNotRegistered:
                    return "Start the NFS server (systemctl start nfs-server; it starts rpc.mountd). An NFSv4-only server "
                        + "(mountd with --no-nfs-version 3, or vers3=n in /etc/nfs.conf) never registers mountd, so showmount "
                        + "cannot list it: mount with -o vers=4.2 and check the exports on the server with exportfs -v instead.";
                case ShowmountFailure.RpcbindUnreachable:
                    return "Start rpcbind on the server (systemctl enable --now rpcbind.socket rpcbind) and open 111/tcp and "
                        + "111/udp in its firewall (firewall-cmd --add-service=rpc-bind --permanent; firewall-cmd --reload). "
                        + "NFSv4-only servers need neither, but then showmount cannot be used.";
                case ShowmountFailure.NameResolution:
                    return "Use the server's IP address, or make the name resolve: add it to /etc/hosts on this host or to DNS.";
                case ShowmountFailure.TimedOut:
                    return "A firewall drops the traffic: open 111/tcp+udp (rpcbind) and the mountd port on the server "
                        + "(firewall-cmd --add-service={rpc-bind,mountd,nfs} --permanent; firewall-cmd --reload), "
                        + "or pin mountd to a fixed port in /etc/nfs.conf ([mountd] port=20048) and open that; check the routing too.";
                case ShowmountFailure.ConnectionRefused:
                    return "Restart the NFS server (systemctl restart nfs-server) so mountd registers its current port, "
                        + "and open the mountd port in the server's firewall (firewall-cmd --add-service=mountd --permanent).";
                default:
                    return "Read the message from showmount; check that nfs-server and rpcbind run on the server (rpcinfo -p SERVER).";
            }
        }

        private static bool Has(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
