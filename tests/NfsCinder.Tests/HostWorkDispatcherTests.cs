using System;
using System.Collections.Generic;
using System.Threading;
using NfsCinder.Commands;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The parallel engine on its own: throttle, hand-over to the owner thread, stops.</summary>
    public sealed class HostWorkDispatcherTests
    {
        [Fact]
        public void NeverRunsMoreThanTheThrottle_AndPostsRunOnTheOwnerThread()
        {
            using var stop = new CancellationTokenSource();
            using var dispatcher = new HostWorkDispatcher(3, stop);
            int owner = Environment.CurrentManagedThreadId, running = 0, peak = 0;
            var seenOn = new List<int>();
            for (int i = 0; i < 12; i++)
            {
                dispatcher.Start(() =>
                {
                    int now = Interlocked.Increment(ref running);
                    InterlockedMax(ref peak, now);
                    Assert.InRange(HostWorkDispatcher.CurrentSlot, 1, 3);
                    Thread.Sleep(30);
                    Interlocked.Decrement(ref running);
                    dispatcher.Post(() => seenOn.Add(Environment.CurrentManagedThreadId));
                });
            }
            dispatcher.WaitAll();
            Assert.Equal(12, seenOn.Count);
            Assert.All(seenOn, id => Assert.Equal(owner, id));
            Assert.InRange(peak, 2, 3);
            Assert.Equal(12, dispatcher.Completed);
            Assert.Equal(0, HostWorkDispatcher.CurrentSlot);
        }

        [Fact]
        public void Invoke_AnswersFromTheOwnerThread()
        {
            using var stop = new CancellationTokenSource();
            using var dispatcher = new HostWorkDispatcher(2, stop);
            int owner = Environment.CurrentManagedThreadId;
            int answeredOn = 0;
            bool answer = false;
            dispatcher.Start(() => answer = dispatcher.Invoke(() => { answeredOn = Environment.CurrentManagedThreadId; return true; }));
            dispatcher.WaitAll();
            Assert.True(answer);
            Assert.Equal(owner, answeredOn);
        }

        [Fact]
        public void AWorkersUnexpectedException_EndsTheRunOnTheOwnerThread_AndStopsTheOthers()
        {
            using var stop = new CancellationTokenSource();
            using var dispatcher = new HostWorkDispatcher(2, stop);
            bool otherCancelled = false;
            dispatcher.Start(() => { stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(20)); otherCancelled = stop.IsCancellationRequested; });
            dispatcher.Start(() => throw new InvalidOperationException("parser bug"));
            var thrown = Assert.Throws<InvalidOperationException>(() => dispatcher.WaitAll());
            Assert.Equal("parser bug", thrown.Message);
            Assert.True(otherCancelled);
        }

        [Fact]
        public void Stop_WhileWaiting_CancelsAndReturnsPromptly()
        {
            using var stop = new CancellationTokenSource();
            using var dispatcher = new HostWorkDispatcher(4, stop);
            for (int i = 0; i < 4; i++) dispatcher.Start(() => stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
            stop.CancelAfter(200);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => dispatcher.WaitAll());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void AnOwnerActionThatThrows_StopsTheWorkers()
        {
            using var stop = new CancellationTokenSource();
            using var dispatcher = new HostWorkDispatcher(2, stop);
            dispatcher.Start(() => dispatcher.Post(() => throw new OperationCanceledException("downstream stopped")));
            dispatcher.Start(() => stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
            Assert.ThrowsAny<OperationCanceledException>(() => dispatcher.WaitAll());
            Assert.True(stop.IsCancellationRequested);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }
}
