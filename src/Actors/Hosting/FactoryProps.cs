using Akka.Actor;

namespace AmiOrchestrator.Actors.Hosting;

/// <summary>Props that make their actor by calling a factory.</summary>
/// <remarks>
/// <c>Props.Create(() =&gt; new T(...))</c> compiles its expression's arguments into a dynamic method every time it is
/// called (seen in a profile of 1,000 persistent actors started at once: ~0.7 ms of compiling each, and a dynamic
/// method per actor for the finalizer thread to clean up). That is fine for the few actors a node starts once, too
/// much for those it makes per deployment and again whenever a deployment recovers: the deployment, its lineage and
/// its per-group children use these instead.
/// </remarks>
internal sealed class FactoryProps<TActor> : IIndirectActorProducer
    where TActor : ActorBase
{
    private readonly Func<TActor> create;

    private FactoryProps(Func<TActor> create) => this.create = create;

    public Type ActorType => typeof(TActor);

    public static Props Of(Func<TActor> create) => Props.CreateBy(new FactoryProps<TActor>(create));

    public ActorBase Produce() => create();

    public void Release(ActorBase actor)
    {
        // The actor system stops the actor and disposes of it when it implements IDisposable; nothing else to free.
    }
}
