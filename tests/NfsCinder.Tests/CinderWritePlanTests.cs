using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// What Set-CinderNfsBackend and the share cmdlets write, in which order, what a declined
    /// prompt or -WhatIf leaves, and when -Restart restarts: on the host state the real read
    /// (read-cinder-host.sh) gives for files in a private temporary directory.
    /// </summary>
    public sealed class CinderWritePlanTests : IDisposable
    {
        private readonly CommandRunner _runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(30));
        private readonly string _dir = Directory.CreateTempSubdirectory("nfscinder-plan-").FullName;
        private string Conf => Path.Combine(_dir, "cinder.conf");
        private string Gold => Path.Combine(_dir, "nfsshares-gold");

        public void Dispose() => Directory.Delete(_dir, true);

        private static string Shipped() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", "debian12-cinder.conf.shipped"));

        private CinderHostState Read() =>
            CinderHostState.Parse(_runner.Run(CinderHostState.Query(Conf, new[] { Gold })).StandardOutput, Conf);

        private (CinderWritePlan Plan, CinderConfiguration Config, CinderHostState State) PlanGold(params string[] shares)
        {
            var state = Read();
            var config = state.Config!;
            var spec = new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, Gold, shares.Select(s => new CinderNfsShare(s)).ToList());
            var change = CinderBackendEditor.Apply(config, spec, state.Text, state.CinderVersion, state.Unreadable);
            return (CinderWritePlan.ForBackend(change, config, state, Conf, "gold", CinderLayout.MultiBackend), config, state);
        }

        private void Write(CinderWriteDecision decision)
        {
            foreach (var write in decision.Approved) File.WriteAllBytes(write.Path, write.Request.Content);
        }

        [Fact]
        public void ANewBackend_WritesItsSharesFileFirst_ThenCinderConf()
        {
            if (!OperatingSystem.IsLinux()) return;
            File.WriteAllText(Conf, Shipped());
            var (plan, _, _) = PlanGold("10.40.0.1:/nfs/a");

            Assert.True(plan.Planned);
            Assert.Equal(new[] { Gold, Conf }, plan.Steps.Select(s => s.Path));
            Assert.True(plan.Steps[0].IsNew);
            Assert.Equal("Write the shares of backend 'gold' (10.40.0.1:/nfs/a) as root:cinder 0640", plan.Steps[0].Action);
            Assert.Equal(("root", "cinder", "640"), (plan.Steps[0].Request.Owner, plan.Steps[0].Request.Group, plan.Steps[0].Request.Mode));
            Assert.Equal("Configure NFS backend 'gold' (MultiBackend)", plan.Steps[1].Action);

            var decision = plan.Decide(_ => true, isWhatIf: false);
            Assert.Equal(new[] { Gold, Conf }, decision.Requests.Select(r => r.Path));
            Assert.Null(decision.LeftAsItIs);
        }

        [Fact]
        public void ASecondRun_PlansNothing()
        {
            if (!OperatingSystem.IsLinux()) return;
            File.WriteAllText(Conf, Shipped());
            var (first, _, _) = PlanGold("10.40.0.1:/nfs/a");
            Write(first.Decide(_ => true, isWhatIf: false));

            var (second, _, _) = PlanGold("10.40.0.1:/nfs/a");
            // The shares file's owner and mode are root:cinder 0640 only when written by root; the content is the same.
            Assert.DoesNotContain(second.Steps, s => s.IsConfig);
            Assert.All(second.Steps, s => Assert.False(s.IsNew));
        }

        [Fact]
        public void ADeclinedNewSharesFile_LeavesCinderConfAsItIs()
        {
            if (!OperatingSystem.IsLinux()) return;
            File.WriteAllText(Conf, Shipped());
            var (plan, config, state) = PlanGold("10.40.0.1:/nfs/a");
            var asked = new List<string>();

            var decision = plan.Decide(step => { asked.Add(step.Path); return false; }, isWhatIf: false);

            Assert.Equal(new[] { Gold }, asked);
            Assert.Empty(decision.Requests);
            Assert.Equal($"{Conf} left as it is: it would name {Gold}, whose writing was declined.", decision.LeftAsItIs);
            // A restart then works from cinder.conf as read: no gold backend.
            Assert.Null(decision.LiveConfiguration(config, state).Find("gold"));
            Assert.Null(decision.SharesNow(Gold, state));
        }

        [Fact]
        public void WhatIf_ShowsEveryStep()
        {
            if (!OperatingSystem.IsLinux()) return;
            File.WriteAllText(Conf, Shipped());
            var (plan, _, _) = PlanGold("10.40.0.1:/nfs/a");
            var asked = new List<string>();

            var decision = plan.Decide(step => { asked.Add(step.Path); return false; }, isWhatIf: true);

            Assert.Equal(new[] { Gold, Conf }, asked);
            Assert.Empty(decision.Requests);
            Assert.Null(decision.LeftAsItIs);
        }

        [Fact]
        public void AnExistingSharesFile_Declined_StillLetsCinderConfBeWritten()
        {
            if (!OperatingSystem.IsLinux()) return;
            File.WriteAllText(Conf, Shipped());
            File.WriteAllText(Gold, "10.40.0.1:/nfs/old\n");
            var (plan, config, state) = PlanGold("10.40.0.1:/nfs/a");

            var decision = plan.Decide(step => step.IsConfig, isWhatIf: false);

            Assert.Equal(new[] { Conf }, decision.Requests.Select(r => r.Path));
            Assert.Same(config, decision.LiveConfiguration(config, state));
            Assert.Equal("10.40.0.1:/nfs/old\n", decision.SharesNow(Gold, state));
        }

        [Fact]
        public void TheShareCmdlets_PlanTheSharesFileAlone()
        {
            if (!OperatingSystem.IsLinux()) return;
            File.WriteAllText(Conf, Shipped());
            var (first, _, _) = PlanGold("10.40.0.1:/nfs/a");
            Write(first.Decide(_ => true, isWhatIf: false));
            var state = Read();
            var change = CinderBackendEditor.EditShares(state.Config!, "gold", state.Text, shares => shares.Add(new CinderNfsShare("10.40.0.1:/nfs/b")), state.Unreadable);

            var plan = CinderWritePlan.ForShares(change, state, "Add 10.40.0.1:/nfs/b", "gold");

            Assert.Equal(new[] { Gold }, plan.Steps.Select(s => s.Path));
            Assert.Equal("Add 10.40.0.1:/nfs/b (backend 'gold')", plan.Steps[0].Action);
            Assert.Contains("10.40.0.1:/nfs/b", System.Text.Encoding.UTF8.GetString(plan.Steps[0].Request.Content));
        }

        [Fact]
        public void Restart_IsWantedWhenSomethingChanged_OrUnderWhatIfWhenARealRunWould()
        {
            if (!OperatingSystem.IsLinux()) return;
            File.WriteAllText(Conf, Shipped());
            var (plan, config, state) = PlanGold("10.40.0.1:/nfs/a");
            // No NFS mounts under the temporary directory's bases: nothing to renew.
            var restart = CinderRestartPlan.For(config, state.Text, state);
            Assert.Empty(restart.Renew);
            Assert.Equal("Restart cinder-volume", restart.Action);

            Assert.True(restart.IsWanted(changed: true, isWhatIf: false, planned: true, "gold"));
            Assert.False(restart.IsWanted(changed: false, isWhatIf: false, planned: true, "gold"));
            Assert.True(restart.IsWanted(changed: false, isWhatIf: true, planned: plan.Planned, "gold"));
            Assert.False(restart.IsWanted(changed: false, isWhatIf: true, planned: false, "gold"));
            Assert.Empty(CinderRestartPlan.KeepingMounts().Renew);
        }
    }
}
