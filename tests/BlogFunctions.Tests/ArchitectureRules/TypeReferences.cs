using System.Reflection;
using System.Reflection.Emit;

namespace BlogFunctions.Tests.ArchitectureRules;

/// <summary>
/// Which types each type of an assembly uses: its signatures (base type, interfaces, fields,
/// properties, parameters, returns, locals) and every type, method and field its IL names, read
/// from the compiled method bodies, so a static call or a constant lookup counts as much as a
/// constructor parameter. Compiler-generated nested types (lambdas, async state machines) count
/// as their outermost declaring type.
/// </summary>
internal static class TypeReferences
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Outermost type → the types it uses (outermost too), for the assembly's own types only.</summary>
    public static Dictionary<Type, HashSet<Type>> Of(Assembly assembly)
    {
        var result = new Dictionary<Type, HashSet<Type>>();
        foreach (var type in assembly.GetTypes())
        {
            var owner = Outermost(type);
            if (!result.TryGetValue(owner, out var used))
            {
                result[owner] = used = [];
            }
            foreach (var t in UsedBy(type).Select(Outermost).Where(t => t.Assembly == assembly && t != owner))
            {
                used.Add(t);
            }
        }
        return result;
    }

    private static Type Outermost(Type type)
    {
        while (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            type = type.GetGenericTypeDefinition();
        }
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }

    private static List<Type> UsedBy(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }
            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }
            found.Add(t);
            if (t.IsGenericType)
            {
                foreach (var arg in t.GetGenericArguments().Where(a => !a.IsGenericParameter))
                {
                    Add(arg);
                }
            }
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }
        foreach (var f in type.GetFields(Everything))
        {
            Add(f.FieldType);
        }
        foreach (var p in type.GetProperties(Everything))
        {
            Add(p.PropertyType);
        }
        foreach (var m in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (m is MethodInfo mi)
            {
                Add(mi.ReturnType);
            }
            foreach (var p in m.GetParameters())
            {
                Add(p.ParameterType);
            }
            var body = m.GetMethodBody();
            if (body is null)
            {
                continue;
            }
            foreach (var local in body.LocalVariables)
            {
                Add(local.LocalType);
            }
            foreach (var member in Operands(m, body.GetILAsByteArray() ?? []))
            {
                Add(member as Type ?? member.DeclaringType);
                if (member is MethodInfo called && called.IsGenericMethod)
                {
                    foreach (var arg in called.GetGenericArguments())
                    {
                        Add(arg);
                    }
                }
            }
        }
        return found;
    }

    /// <summary>The members (types, methods, fields) the IL names through metadata tokens.</summary>
    private static IEnumerable<MemberInfo> Operands(MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            if (!OpCodesByValue.TryGetValue(value, out var op))
            {
                yield break; // not an opcode we know: stop rather than misread the rest
            }
            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    MemberInfo? member = null;
                    try
                    {
                        member = module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                    }
                    catch (ArgumentException)
                    {
                        // A token of another generic context: ignored (its declaring type shows elsewhere).
                    }
                    if (member is not null)
                    {
                        yield return member;
                    }
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }
}
