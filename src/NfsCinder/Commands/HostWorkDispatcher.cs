using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace NfsCinder.Commands
{
    /// <summary>
    /// Runs per-host work on worker threads, at most <see cref="ThrottleLimit"/> at once,
    /// while everything PowerShell must see runs on the one thread that owns the pipeline.
    /// PowerShell allows WriteObject, WriteError and ShouldProcess only on that thread, so
    /// workers post them here and the owner runs them whenever it waits: results stream as
    /// hosts finish, and a prompt from -Confirm is asked one at a time.
    /// </summary>
    internal sealed class HostWorkDispatcher : IDisposable
    {
        // How long the owner waits for workers to notice a stop; commands are being
        // cancelled (their remote processes killed) by then, so this is only a backstop.
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

        [ThreadStatic] private static int t_slot;

        private readonly BlockingCollection<Action> _posted = new BlockingCollection<Action>();
        private readonly CancellationTokenSource _stop;
        private readonly int _ownerThread = Environment.CurrentManagedThreadId;
        private readonly Stack<int> _freeSlots = new Stack<int>();
        private readonly List<Task> _workers = new List<Task>();
        private bool _stopped;

        /// <param name="throttleLimit">Most workers running at once.</param>
        /// <param name="stop">Cancelled on Ctrl+C; the dispatcher cancels it too when the pipeline must end early, so running commands stop.</param>
        public HostWorkDispatcher(int throttleLimit, CancellationTokenSource stop)
        {
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit));
            ThrottleLimit = throttleLimit;
            _stop = stop;
            for (int slot = throttleLimit; slot >= 1; slot--) _freeSlots.Push(slot);
        }

        public int ThrottleLimit { get; }

        public int Started { get; private set; }

        public int Completed { get; private set; }

        public int Running => Started - Completed;

        /// <summary>Called on the owner thread after each worker ends.</summary>
        public Action? WorkerEnded { get; set; }

        /// <summary>1..ThrottleLimit on a worker thread (which slot it runs in); 0 elsewhere.</summary>
        public static int CurrentSlot => t_slot;

        public bool OnOwnerThread => Environment.CurrentManagedThreadId == _ownerThread;

        /// <summary>Owner thread: starts the work as soon as a slot is free, running posted actions while it waits.</summary>
        public void Start(Action work)
        {
            while (Running >= ThrottleLimit) PumpOne();
            ThrowIfStopped();
            int slot = _freeSlots.Pop();
            Started++;
            // A thread of its own (LongRunning), not a pool thread: the work blocks on SSH
            // for seconds, and dozens of blocked pool threads would starve the pool that
            // SSH.NET's own callbacks need, which grows by only about one thread a second.
            _workers.Add(Task.Factory.StartNew(() =>
            {
                t_slot = slot;
                try { work(); }
                catch (Exception failure)
                {
                    // Not a host's own failure (those are reported inside the work): the
                    // pipeline must end, with this exception, on the owner thread.
                    var captured = ExceptionDispatchInfo.Capture(failure);
                    Post(() => captured.Throw());
                }
                finally
                {
                    t_slot = 0;
                    Post(() =>
                    {
                        Completed++;
                        _freeSlots.Push(slot);
                        WorkerEnded?.Invoke();
                    });
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }

        /// <summary>Runs the action on the owner thread: now when called there, else when the owner next waits.</summary>
        public void Post(Action action)
        {
            if (OnOwnerThread) { action(); return; }
            if (!_posted.IsAddingCompleted)
            {
                try { _posted.Add(action); }
                catch (InvalidOperationException) { /* completed or disposed: the pipeline has ended, nobody will read it */ }
            }
        }

        /// <summary>Runs the function on the owner thread and waits for its answer (for ShouldProcess).</summary>
        public T Invoke<T>(Func<T> function)
        {
            if (OnOwnerThread) return function();
            var answer = new TaskCompletionSource<T>();
            Post(() =>
            {
                try { answer.SetResult(function()); }
                catch (Exception failure) { answer.SetException(failure); throw; }
            });
            try { answer.Task.Wait(_stop.Token); }
            catch (AggregateException failure) when (failure.InnerException is not null) { ExceptionDispatchInfo.Capture(failure.InnerException).Throw(); }
            return answer.Task.Result;
        }

        /// <summary>Owner thread: runs what workers have posted so far, without waiting.</summary>
        public void PumpAvailable()
        {
            while (_posted.TryTake(out Action? action)) Run(action);
        }

        /// <summary>Owner thread: runs posted actions until every worker has ended.</summary>
        public void WaitAll()
        {
            while (Running > 0) PumpOne();
            PumpAvailable();
        }

        private void PumpOne()
        {
            Action action;
            try { action = _posted.Take(_stop.Token); }
            catch (OperationCanceledException)
            {
                StopWorkers();
                throw;
            }
            Run(action);
        }

        private void Run(Action action)
        {
            try { action(); }
            catch
            {
                // Downstream stopped (Select-Object -First), a worker's fatal error, or the
                // pipeline stopping: the running hosts are cancelled before it propagates.
                StopWorkers();
                throw;
            }
        }

        private void ThrowIfStopped()
        {
            if (_stopped || _stop.IsCancellationRequested)
            {
                StopWorkers();
                throw new OperationCanceledException(_stop.Token);
            }
        }

        /// <summary>Cancels the running workers and waits for them to end (their output is dropped).</summary>
        public void StopWorkers()
        {
            if (_stopped) return;
            _stopped = true;
            try { _stop.Cancel(); } catch (ObjectDisposedException) { }
            try { Task.WaitAll(_workers.ToArray(), StopGrace); } catch (AggregateException) { }
            _posted.CompleteAdding();
        }

        /// <summary>Frees the queue. Workers still running here mean the pipeline ended by a terminating error: they are stopped, not left behind.</summary>
        public void Dispose()
        {
            if (Running > 0) StopWorkers();
            _posted.Dispose();
        }
    }
}
