using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Lef.Infra.Analyzers.Reading;

internal enum ArgumentKind
{
    /// <summary>The compiler reports it (CS error): nothing more to say.</summary>
    Invalid,

    /// <summary>A compile-time constant, null included.</summary>
    Constant,

    /// <summary>A field that is not a constant: a topology reference, or a mutable value.</summary>
    Field,

    /// <summary>An object created in place.</summary>
    Creation,

    /// <summary>A topology field named by its class and name, read as its key: checked against the model once every file is read.</summary>
    Key,

    /// <summary>Anything else: a call, a property, an expression only known at run time.</summary>
    Other,
}

/// <summary>One written argument as the reader understood it, from the syntax or from the binder's operation tree.</summary>
internal readonly struct Argument(ArgumentKind kind, SyntaxNode syntax, object? value = null, IFieldSymbol? field = null, ITypeSymbol? type = null)
{
    public static Argument KeyOf(string key, ITypeSymbol record, SyntaxNode syntax) => new(ArgumentKind.Key, syntax, key, type: record);

    public ArgumentKind Kind { get; } = kind;

    /// <summary>The expression as written, quoted in messages.</summary>
    public SyntaxNode Syntax { get; } = syntax;

    public object? Value { get; } = value;

    public IFieldSymbol? Field { get; } = field;

    public ITypeSymbol? Type { get; } = type ?? field?.Type;

    /// <summary>
    /// The argument as the parameter receives it. A constant is its converted value: a <c>const ushort</c> passed to an
    /// <c>int</c> is that int, as the compiler passes it.
    /// </summary>
    public static Argument Of(IOperation operation)
    {
        var outer = operation;
        while (!outer.ConstantValue.HasValue && Inner(outer) is var inner && inner != outer)
        {
            outer = inner;
        }

        if (outer.ConstantValue.HasValue)
        {
            return new(ArgumentKind.Constant, Unwrap(outer).Syntax, outer.ConstantValue.Value, type: outer.Type);
        }

        operation = Unwrap(operation);
        return operation switch
        {
            IInvalidOperation => new(ArgumentKind.Invalid, operation.Syntax),
            IFieldReferenceOperation reference => new(ArgumentKind.Field, operation.Syntax, field: reference.Field),
            IObjectCreationOperation => new(ArgumentKind.Creation, operation.Syntax, type: operation.Type),
            _ => new(ArgumentKind.Other, operation.Syntax, type: operation.Type),
        };
    }

    /// <summary>
    /// The value under implicit conversions and parentheses: what was written, as the user sees it. A conversion by a
    /// user-defined operator is kept: its result is whatever that code returns, which no reader evaluates.
    /// </summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (Inner(operation) is var inner && inner != operation)
        {
            operation = inner;
        }

        return operation;
    }

    private static IOperation Inner(IOperation operation) => operation switch
    {
        IConversionOperation { IsImplicit: true, OperatorMethod: null } conversion => conversion.Operand,
        IParenthesizedOperation parenthesized => parenthesized.Operand,
        _ => operation,
    };
}
